package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;

/** A compiled JSON Schema 2020-12. Compiled eagerly, so a broken schema fails at start, not at the first call. */
public final class Schema {

    /**
     * 2020-12 plus the contracts' own annotation {@code x-sensitive} (a field whose value drift samples mask): known
     * to the validator, so it neither warns about an unknown keyword nor validates anything with it.
     */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new AnnotationKeyword("x-sensitive"))
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(DIALECT));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            // The DTOs parse what "format" promises (date-time), so a bad format is drift, not a crash later.
            .formatAssertionsEnabled(true)
            .build();

    private final JsonSchema compiled;

    private Schema(JsonSchema compiled) {
        this.compiled = compiled;
    }

    /** Compiles the schema; throws IllegalArgumentException with the validator's reason when it is not valid. */
    public static Schema compile(JsonNode schema) {
        try {
            JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
            compiled.initializeValidators();
            return new Schema(compiled);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public List<Violation> validate(JsonNode document) {
        return compiled.validate(document).stream()
                .map(Schema::toViolation)
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::rule))
                .toList();
    }

    private static Violation toViolation(ValidationMessage m) {
        String path = m.getInstanceLocation().toString();
        String property = m.getProperty();
        // A missing required property is reported on its parent; name the property itself.
        if ("required".equals(m.getType()) && property != null) {
            path = (path.equals("/") || path.isEmpty() ? "" : path) + "/" + property;
        }
        return new Violation(path, m.getType(), m.getMessage());
    }
}
