package dev.integrator.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One operation of a contract version: its parameters, the status and schema of a good response, and
 * the DTO it maps to. Validates requests before any call and responses after it. {@code responseDocument} is the
 * raw response schema with the contract's {@code schemas:} as {@code $defs}, for readers of keywords the validator
 * ignores, such as {@code x-sensitive}.
 */
public record ContractOperation(
        String contractId,
        String name,
        String operationId,
        String dto,
        Map<String, Parameter> parameters,
        int successStatus,
        Schema requestSchema,
        Schema responseSchema,
        JsonNode responseDocument) {

    public List<Parameter> parametersIn(Parameter.Location location) {
        return parameters.values().stream().filter(p -> p.in() == location).toList();
    }

    /**
     * Turns caller parameters (typed values, or strings from the command line) into a JSON object that
     * meets the contract, or throws INVALID_REQUEST listing every problem.
     */
    public ObjectNode validateRequest(Map<String, ?> params) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        List<Violation> violations = new ArrayList<>();
        params.forEach((name, value) -> {
            try {
                request.set(name, coerce(parameters.get(name), value));
            } catch (JsonProcessingException e) {
                // The value itself stays out of the message: it may be anything, a secret included.
                violations.add(new Violation("/" + name, "json", "starts with '[' or '{' but is not valid JSON (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
            }
        });
        violations.addAll(requestSchema.validate(request));
        if (!violations.isEmpty()) {
            throw IntegrationException.of(ErrorCode.INVALID_REQUEST,
                            "request does not meet contract " + contractId + " operation " + name + ": "
                                    + violations.stream().map(v -> v.path() + " " + v.rule()).collect(Collectors.joining(", ")))
                    .details(violations.stream().map(Violation::asDetail).toList())
                    .notSent()
                    .build();
        }
        return request;
    }

    public List<Violation> validateResponse(JsonNode body) {
        return responseSchema.validate(body);
    }

    /**
     * Command-line values arrive as strings; give them the type the contract declares when they parse. A list or
     * object value that starts with '[' or '{' is JSON ({@code labels=["a,b","c"]}); any other list value is split at
     * commas ({@code labels=bug,ui}), and an empty one is the empty list.
     */
    private static JsonNode coerce(Parameter parameter, Object value) throws JsonProcessingException {
        if (!(value instanceof String text) || parameter == null) {
            return Json.MAPPER.valueToTree(value);
        }
        String type = parameter.type();
        if ((type.equals("array") || type.equals("object")) && (text.strip().startsWith("[") || text.strip().startsWith("{"))) {
            return Json.WHOLE.readTree(text);
        }
        try {
            switch (type) {
                case "integer":
                    return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(text));
                case "number":
                    return Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(text));
                case "boolean":
                    if (text.equals("true") || text.equals("false")) {
                        return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
                    }
                    break;
                case "array":
                    var array = Json.MAPPER.createArrayNode();
                    if (!text.isBlank()) {
                        for (String item : text.split(",", -1)) {
                            array.add(item.trim());
                        }
                    }
                    return array;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // Left as text: the schema then reports the wrong type with its path.
        }
        return Json.MAPPER.getNodeFactory().textNode(text);
    }
}
