package dev.integrator.chain.retry;

/** Whether the failed attempt number {@code attempt} is retried, and after how long. */
public record RetryDecision(int attempt, boolean retry, long delayMs, String reason) {
}
