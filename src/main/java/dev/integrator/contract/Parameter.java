package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;

/** One request parameter of a contract operation: where it goes and the schema its value must meet. */
public record Parameter(String name, Location in, boolean required, JsonNode schema) {

    public enum Location { PATH, QUERY, BODY }

    /** The JSON Schema type keyword, used to turn command-line strings into typed values. */
    public String type() {
        JsonNode type = schema.get("type");
        return type == null || !type.isTextual() ? "" : type.asText();
    }
}
