package dev.integrator;

/** What every envelope says about the call that produced it. */
public record Meta(
        String provider,
        String operation,
        String contract,
        String correlationId,
        int attempts,
        long durationMs) {

    /** What is known of a call the chain did not run, by the operation as it was asked for: no provider, no attempt. */
    public static Meta notRun(String operation, String correlationId) {
        return new Meta(null, operation, null, correlationId, 0, 0);
    }

    /** What is known of a call to a well-formed operation id that the chain refused before any attempt. */
    public static Meta notRun(OperationId operation, String correlationId) {
        return new Meta(operation.provider(), operation.toString(), null, correlationId, 0, 0);
    }
}
