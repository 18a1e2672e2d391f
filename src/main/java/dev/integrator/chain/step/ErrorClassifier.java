package dev.integrator.chain.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import dev.integrator.provider.ErrorDialect;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;

/**
 * Turns a provider's answer that says the call failed into the typed error, with the provider's message and details.
 * What counts as failed and which code it is come from the provider's {@link ErrorDialect}. Only a 5xx is an outage:
 * every other answer shows the provider up.
 */
final class ErrorClassifier {

    /** The codes a 5xx may stand for and still be an outage, retried. */
    private static final Set<ErrorCode> OUTAGE_CODES =
            EnumSet.of(ErrorCode.UPSTREAM_ERROR, ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT);

    private ErrorClassifier() {
    }

    /** The error the answer stands for, or null when it is a success. */
    static IntegrationException failureOf(ProviderRuntime provider, UpstreamResponse response, Instant now) {
        ErrorDialect dialect = provider.dialect();
        if (response.isSuccess() && !dialect.inspectsSuccess()) {
            return null;
        }
        JsonNode body = parse(response.body());
        return dialect.isError(response, body) ? classify(provider, response, body, now) : null;
    }

    private static IntegrationException classify(ProviderRuntime provider, UpstreamResponse response, JsonNode body, Instant now) {
        ErrorDialect dialect = provider.dialect();
        String providerMessage = dialect.message(body);
        int status = response.status();
        String message = provider.config().provider() + " answered " + status + (providerMessage == null ? "" : ": " + providerMessage);
        OptionalLong wait = provider.signals().waitMs(response, now);
        Long waitMs = wait.isPresent() ? wait.getAsLong() : null;
        // An answer we did not expect (405, 413, 415, 451, a 3xx without Location, an error code the table lacks) is
        // UPSTREAM_ERROR: the provider is up, and asking again gets the same answer. A 5xx is an outage.
        Optional<ErrorCode> known = dialect.code(status, body);
        ErrorCode code = known.orElse(ErrorCode.UPSTREAM_ERROR);
        if (code == ErrorCode.FORBIDDEN && status == 403 && provider.signals().isRateLimitedForbidden(response, providerMessage, now)) {
            code = ErrorCode.RATE_LIMITED;
        }
        IntegrationException.Builder b = IntegrationException.of(code, code == ErrorCode.RATE_LIMITED ? "rate limit reached; " + message : message)
                .details(dialect.details(body));
        if (code == ErrorCode.RATE_LIMITED) {
            b.retryable(true).retryAfterMs(waitMs != null ? waitMs : provider.signals().defaultWaitMs());
        } else if (status >= 500 && OUTAGE_CODES.contains(code)) {
            // A 5xx whose body names a failure of ours (Stripe's idempotency_error: CONFLICT) is that failure: asking
            // again gets the same answer, and the provider is up.
            b.retryable(true).retryAfterMs(waitMs).outage();
        } else if (code == ErrorCode.TIMEOUT || code == ErrorCode.UNAVAILABLE) {
            b.retryable(true);
        }
        if (dialect.retryCode(body)) {
            // The provider says asking again may succeed (a lock, a key in use): the retry policy still keeps an
            // unkeyed write from being sent twice.
            b.retryable(true);
        }
        dialect.retryAdvice(response).ifPresent(b::retryable);
        return b.status(status).build();
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode tree = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            return tree == null ? Json.MAPPER.missingNode() : tree;
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }
}
