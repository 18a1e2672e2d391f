package dev.integrator.chain;

/** Whether the failed attempt number {@code attempt} is retried, and after how long. */
record RetryDecision(int attempt, boolean retry, long delayMs, String reason) {
}
