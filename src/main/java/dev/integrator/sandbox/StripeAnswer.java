package dev.integrator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.json.Json;

/** One answer of the Stripe stand-in: a status and a JSON body, Stripe's error object when it failed. */
record StripeAnswer(int status, ObjectNode body) {

    static StripeAnswer ok(ObjectNode object) {
        return new StripeAnswer(200, object);
    }

    /** Stripe's error object: {@code type} always, {@code code} and {@code param} when given (null: left out). */
    static StripeAnswer error(int status, String type, String code, String param, String message) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code).put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (param != null) {
            error.put("param", param);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("error", error);
        return new StripeAnswer(status, body);
    }

    static StripeAnswer missing(String kind, String id, String param) {
        return error(404, "invalid_request_error", "resource_missing", param, "No such " + kind + ": '" + id + "'");
    }

    static StripeAnswer parameterMissing(String param) {
        return error(400, "invalid_request_error", "parameter_missing", param,
                "Missing required param: " + param + ".");
    }
}
