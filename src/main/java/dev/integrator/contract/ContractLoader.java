package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.OperationId;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every {@code contracts/*.yaml} and compiles all its schemas at once. Problems from every file are
 * added to the caller's list, so a broken contract stops the start with the whole list; the good contracts
 * are returned so that later checks do not repeat the same problem.
 */
public final class ContractLoader {

    private static final Pattern FILE_NAME = Pattern.compile("(" + OperationId.PROVIDER + ")\\.(" + OperationId.RESOURCE + ")\\.v([0-9]+)\\.yaml");
    private static final Pattern PROVIDER_VERSION = Pattern.compile("[\\x21-\\x7e]+( [\\x21-\\x7e]+)*");
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final List<String> problems;

    private ContractLoader(List<String> problems) {
        this.problems = problems;
    }

    public static Map<String, Contract> loadAll(Path dir, List<String> problems) {
        ContractLoader loader = new ContractLoader(problems);
        Map<String, Contract> contracts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            // Event contracts have a loader of their own: their ids have another shape.
            files.filter(f -> f.getFileName().toString().endsWith(".yaml") && !EventContractLoader.isEventFile(f))
                    .sorted().forEach(f -> {
                Contract c = loader.load(f);
                if (c != null) {
                    contracts.put(c.id(), c);
                }
            });
        } catch (IOException e) {
            loader.problems.add(dir + ": cannot list contracts: " + e.getMessage());
        }
        return contracts;
    }

    private Contract load(Path file) {
        String fileName = file.getFileName().toString();
        var m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            problems.add(file + ": file name must be <provider>.<resource>.v<N>.yaml");
            return null;
        }
        JsonNode root = readYaml(file, problems);
        if (root == null) {
            return null;
        }
        int before = problems.size();
        String id = text(file, root, "id");
        String provider = text(file, root, "provider");
        String resource = text(file, root, "resource");
        int version = root.path("version").asInt(-1);
        String expectedId = m.group(1) + "." + m.group(2) + ".v" + m.group(3);
        if (id != null && !id.equals(expectedId)) {
            problems.add(file + ": id '" + id + "' does not match the file name (expected '" + expectedId + "')");
        }
        if (provider != null && !provider.equals(m.group(1)) || resource != null && !resource.equals(m.group(2))
                || version != Integer.parseInt(m.group(3))) {
            problems.add(file + ": provider, resource and version must match the file name");
        }
        String status = root.path("status").asText("active");
        if (!Contract.STATUSES.contains(status)) {
            problems.add(file + ": status must be one of " + Contract.STATUSES + ", but was '" + status + "'");
        }
        Map<String, String> provenance = provenance(file, root, problems);
        JsonNode defs = root.path("schemas");
        if (defs.isObject() && !defs.isEmpty()) {
            // Each operation compiles only the definitions it refers to; all of them compile once here, so that a
            // broken one no operation uses still stops the start.
            compile(file + ": schemas", document(Json.MAPPER.createObjectNode(), defs));
        }
        Map<String, ContractOperation> operations = new LinkedHashMap<>();
        JsonNode ops = root.path("operations");
        if (!ops.isObject() || ops.isEmpty()) {
            problems.add(file + ": operations must list at least one operation");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ops.fields(); it.hasNext(); ) {
            var e = it.next();
            ContractOperation op = operation(file, expectedId, e.getKey(), e.getValue(), defs);
            if (op != null) {
                operations.put(op.name(), op);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        JsonNode mappings = root.path("mappings");
        if (!mappings.isMissingNode() && !mappings.isObject()) {
            problems.add(file + ": mappings must map DTO record names to their components");
            return null;
        }
        return new Contract(id, provider, resource, version, status, Map.copyOf(provenance), Map.copyOf(operations),
                root.path("records").asText(null), mappings.isObject() ? mappings : Json.MAPPER.createObjectNode(),
                providerVersion(file, root.get("providerVersion")));
    }

    /** The contract's {@code providerVersion}: a header value, so visible ASCII with single inner spaces; or null. */
    private String providerVersion(Path file, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !PROVIDER_VERSION.matcher(value.asText()).matches()) {
            problems.add(file + ": providerVersion must be text of visible ASCII characters (a header value), but was " + value);
            return null;
        }
        return value.asText();
    }

    private ContractOperation operation(Path file, String contractId, String name, JsonNode node, JsonNode defs) {
        String where = file + ": operations." + name;
        int before = problems.size();
        String operationId = text(file, node, "operationId", where);
        String dto = text(file, node, "dto", where);
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        ObjectNode properties = Json.MAPPER.createObjectNode();
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("parameters").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = e.getValue();
            if (e.getKey().equals(Parameter.IDEMPOTENCY_KEY)) {
                problems.add(where + ".parameters." + e.getKey() + " is reserved for the caller's idempotency key, sent"
                        + " in the provider's idempotencyHeader: a contract must not declare it");
                continue;
            }
            Parameter.Location in;
            try {
                in = Parameter.Location.valueOf(p.path("in").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(where + ".parameters." + e.getKey() + ".in must be path, query or body, but was '"
                        + p.path("in").asText("") + "'");
                continue;
            }
            if (!p.path("schema").isObject()) {
                problems.add(where + ".parameters." + e.getKey() + ".schema is required");
                continue;
            }
            boolean isRequired = p.path("required").asBoolean(in == Parameter.Location.PATH);
            parameters.put(e.getKey(), new Parameter(e.getKey(), in, isRequired, p.get("schema")));
            properties.set(e.getKey(), p.get("schema"));
            if (isRequired) {
                required.add(e.getKey());
            }
        }
        ObjectNode requestSchema = Json.MAPPER.createObjectNode()
                .put("$schema", DIALECT)
                .put("type", "object")
                .put("additionalProperties", false);
        requestSchema.set("properties", properties);
        requestSchema.set("required", required);
        requestSchema.set("$defs", Definitions.referencedBy(requestSchema, defs));

        JsonNode response = node.path("response");
        int status = response.path("status").asInt(0);
        if (status < 200 || status > 299) {
            problems.add(where + ".response.status must be a 2xx status, but was '" + response.path("status").asText("") + "'");
        }
        if (!response.path("schema").isObject()) {
            problems.add(where + ".response.schema is required");
        }
        Schema request = compile(where + ".parameters", requestSchema);
        JsonNode responseDocument = response.path("schema").isObject() ? document(response.get("schema"), defs) : null;
        Schema responseSchema = responseDocument != null ? compile(where + ".response.schema", compiled(response.get("schema"), defs)) : null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("errors").fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().matches("[45][0-9][0-9]")) {
                problems.add(where + ".errors: key must be a 4xx or 5xx status, but was '" + e.getKey() + "'");
            } else if (e.getValue().isObject()) {
                compile(where + ".errors." + e.getKey(), compiled(e.getValue(), defs));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ContractOperation(contractId, name, operationId, dto, Map.copyOf(parameters), status, request, responseSchema, responseDocument);
    }

    /** Where the contract came from: every key is required, so that a reader can trace each schema to its source. */
    static Map<String, String> provenance(Path file, JsonNode root, List<String> problems) {
        Map<String, String> provenance = new LinkedHashMap<>();
        JsonNode prov = root.path("provenance");
        for (String key : List.of("source", "descriptionVersion", "producedBy", "decision", "date")) {
            if (!prov.path(key).isValueNode() || prov.path(key).asText().isBlank()) {
                problems.add(file + ": provenance." + key + " is required");
            } else {
                provenance.put(key, prov.path(key).asText());
            }
        }
        return provenance;
    }

    /** A standalone schema document: the operation's schema with the contract's shared definitions as $defs. */
    static JsonNode document(JsonNode schema, JsonNode defs) {
        ObjectNode doc = ((ObjectNode) schema).deepCopy();
        doc.put("$schema", DIALECT);
        if (defs.isObject()) {
            doc.set("$defs", defs);
        }
        return doc;
    }

    /** What is compiled of an operation's schema: the document with only the definitions it refers to (see {@link Definitions}). */
    private static JsonNode compiled(JsonNode schema, JsonNode defs) {
        return document(schema, Definitions.referencedBy(schema, defs));
    }

    private Schema compile(String where, JsonNode schema) {
        try {
            Schema compiled = Schema.compile(schema);
            // Unresolvable $refs only show when used: validate a null once to surface them now.
            compiled.validate(Json.MAPPER.nullNode());
            return compiled;
        } catch (RuntimeException e) {
            problems.add(where + ": schema does not compile: " + e.getMessage());
            return null;
        }
    }

    private String text(Path file, JsonNode node, String field) {
        return text(file, node, field, file.toString());
    }

    private String text(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(where + ": " + field + " is required");
            return null;
        }
        return value.asText();
    }

    /** A contract file's YAML tree, or null with the reason added to {@code problems}. */
    static JsonNode readYaml(Path file, List<String> problems) {
        try {
            return Json.YAML.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return null;
        }
    }
}
