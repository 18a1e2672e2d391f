package dev.integrator;

/** What every envelope says about the call that produced it. */
public record Meta(
        String provider,
        String operation,
        String contract,
        String correlationId,
        int attempts,
        long durationMs) {

    /** The meta of a call that never reached the chain (an unknown operation, a failure before the first link). */
    public static Meta notStarted(String provider, String operation, String correlationId) {
        return new Meta(provider, operation, null, correlationId, 0, 0);
    }
}
