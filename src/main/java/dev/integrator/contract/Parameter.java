package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;

/** One request parameter of a contract operation: where it goes and the schema its value must meet. */
public record Parameter(String name, Location in, boolean required, JsonNode schema) {

    /**
     * The caller's idempotency key: a parameter of every operation of a provider that takes keys, sent only in the
     * provider's idempotency header. Reserved, so no contract may declare it.
     */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    public enum Location { PATH, QUERY, BODY }

    /** The JSON Schema type keyword, used to turn command-line strings into typed values. */
    public String type() {
        JsonNode type = schema.get("type");
        return type == null || !type.isTextual() ? "" : type.asText();
    }
}
