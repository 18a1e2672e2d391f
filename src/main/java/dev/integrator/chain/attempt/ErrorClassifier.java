package dev.integrator.chain.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import dev.integrator.provider.ProviderConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a provider's non-success answer into the typed error, with the provider's message and field errors. Only a
 * 5xx is an outage: every other answer shows the provider up.
 */
final class ErrorClassifier {

    private static final int MAX_MESSAGE = 300;

    private ErrorClassifier() {
    }

    static IntegrationException classify(ProviderRuntime provider, UpstreamResponse response, Instant now) {
        JsonNode body = parse(response.body());
        ProviderConfig.Errors errors = provider.config().errors();
        String providerMessage = textAt(body, errors.messagePointer());
        int status = response.status();
        String message = provider.config().provider() + " answered " + status
                + (providerMessage == null ? "" : ": " + providerMessage);
        OptionalLong wait = provider.signals().waitMs(response, now);
        Long waitMs = wait.isPresent() ? wait.getAsLong() : null;
        IntegrationException.Builder b;
        if (status == 401) {
            b = IntegrationException.of(ErrorCode.UNAUTHORIZED, message);
        } else if (status == 403 && provider.signals().isRateLimitedForbidden(response, providerMessage)) {
            b = IntegrationException.of(ErrorCode.RATE_LIMITED, rateLimited(message)).retryable(true)
                    .retryAfterMs(waitMs != null ? waitMs : provider.signals().defaultWaitMs());
        } else if (status == 403) {
            b = IntegrationException.of(ErrorCode.FORBIDDEN, message);
        } else if (status == 404 || status == 410) {
            b = IntegrationException.of(ErrorCode.NOT_FOUND, message);
        } else if (status == 408) {
            b = IntegrationException.of(ErrorCode.TIMEOUT, message).retryable(true);
        } else if (status == 409) {
            b = IntegrationException.of(ErrorCode.CONFLICT, message);
        } else if (status == 422) {
            b = IntegrationException.of(ErrorCode.UNPROCESSABLE, message).details(fieldErrors(body, errors.detailsPointer()));
        } else if (status == 429) {
            b = IntegrationException.of(ErrorCode.RATE_LIMITED, rateLimited(message)).retryable(true)
                    .retryAfterMs(waitMs != null ? waitMs : provider.signals().defaultWaitMs());
        } else if (status == 400) {
            b = IntegrationException.of(ErrorCode.INVALID_REQUEST, message);
        } else if (status >= 500) {
            b = IntegrationException.of(ErrorCode.UPSTREAM_ERROR, message).retryable(true).retryAfterMs(waitMs).outage();
        } else {
            // An answer we did not expect (405, 413, 415, 451, a 3xx without Location): the provider is up, and asking
            // again gets the same answer.
            b = IntegrationException.of(ErrorCode.UPSTREAM_ERROR, message);
        }
        return b.status(status).build();
    }

    private static String rateLimited(String message) {
        return "rate limit reached; " + message;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static String textAt(JsonNode body, String pointer) {
        if (pointer == null || body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.at(pointer);
        return value.isTextual() ? clean(value.asText()) : null;
    }

    /** The provider's field errors as {field, code, resource, message}; other keys are not copied. */
    private static List<Map<String, Object>> fieldErrors(JsonNode body, String pointer) {
        List<Map<String, Object>> details = new ArrayList<>();
        if (pointer == null || body == null || !body.isObject()) {
            return details;
        }
        for (JsonNode item : body.at(pointer)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (item.isTextual()) {
                detail.put("message", clean(item.asText()));
            } else {
                for (String key : List.of("field", "code", "resource", "message")) {
                    if (item.path(key).isTextual()) {
                        detail.put(key, clean(item.path(key).asText()));
                    }
                }
            }
            if (!detail.isEmpty()) {
                details.add(detail);
            }
        }
        return details;
    }

    private static String clean(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ").trim();
        return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
    }
}
