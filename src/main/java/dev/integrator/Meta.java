package dev.integrator;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What every envelope says about the call that produced it. {@code providerRequestId} is the provider's own id of its
 * last answer (Stripe's {@code Request-Id}), for a support ticket; left out when the provider gives none.
 */
public record Meta(
        String provider,
        String operation,
        String contract,
        String correlationId,
        int attempts,
        long durationMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String providerRequestId) {

    /** What is known of a call the chain did not run, by the operation as it was asked for: no provider, no attempt. */
    public static Meta notRun(String operation, String correlationId) {
        return new Meta(null, operation, null, correlationId, 0, 0, null);
    }

    /** What is known of a call to a well-formed operation id that the chain refused before any attempt. */
    public static Meta notRun(OperationId operation, String correlationId) {
        return new Meta(operation.provider(), operation.toString(), null, correlationId, 0, 0, null);
    }
}
