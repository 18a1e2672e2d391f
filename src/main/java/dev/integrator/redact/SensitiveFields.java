package dev.integrator.redact;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a contract marks {@code x-sensitive: true} in a response schema. The schema is walked together with
 * the body, through {@code properties}, {@code items}, {@code allOf}/{@code anyOf}/{@code oneOf} and local
 * {@code $ref}s, so a recursive schema (a user whose manager is a user) is followed as deep as the body goes. A
 * value at a sensitive field is masked whatever its shape, so drift that changes its type does not unmask it.
 */
public final class SensitiveFields {

    public static final SensitiveFields NONE = new SensitiveFields(null);

    private static final String MARK = "x-sensitive";
    private static final List<String> COMBINATORS = List.of("allOf", "anyOf", "oneOf");

    private final JsonNode document;

    private SensitiveFields(JsonNode document) {
        this.document = document;
    }

    /** The sensitive fields of a schema document whose local {@code $ref}s resolve against itself. */
    public static SensitiveFields of(JsonNode document) {
        return document == null || document.findValue(MARK) == null ? NONE : new SensitiveFields(document);
    }

    /** Masks the sensitive fields of {@code tree} in place; returns it, or the mask when the whole body is sensitive. */
    JsonNode mask(JsonNode tree) {
        if (document == null) {
            return tree;
        }
        return walk(document, tree, new HashSet<>());
    }

    /**
     * Returns the value to keep at this place. {@code refs} holds the $refs followed since the last step into the
     * body: following one again without descending would loop forever.
     */
    private JsonNode walk(JsonNode schema, JsonNode value, Set<String> refs) {
        if (schema == null || !schema.isObject() || value == null || value.isNull()) {
            return value;
        }
        if (schema.path(MARK).asBoolean(false)) {
            return TextNode.valueOf(Redactor.MASK);
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/") && refs.add(ref.asText())) {
            value = walk(resolve(ref.asText()), value, refs);
            refs.remove(ref.asText());
        }
        for (String combinator : COMBINATORS) {
            for (JsonNode branch : schema.path(combinator)) {
                value = walk(branch, value, refs);
            }
        }
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> p : iterable(schema.path("properties"))) {
                if (object.has(p.getKey())) {
                    object.set(p.getKey(), walk(p.getValue(), object.get(p.getKey()), new HashSet<>()));
                }
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(schema.get("items"), array.get(i), new HashSet<>()));
            }
        }
        return value;
    }

    private JsonNode resolve(String ref) {
        try {
            JsonNode target = document.at(JsonPointer.compile(ref.substring(1)));
            return target.isMissingNode() ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
