package dev.integrator;

/** What every envelope says about the call that produced it. */
public record Meta(
        String provider,
        String operation,
        String contract,
        String correlationId,
        int attempts,
        long durationMs) {
}
