package dev.integrator.chain.retry;

import dev.integrator.chain.base.SettingsCheck;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * How a provider's failed attempts are retried ({@code retry:} in the provider settings): attempts per call, the
 * exponential backoff with jitter between them, the methods that may be sent again without an idempotency key, and
 * the retry budget (the share of active calls that may be retries in flight, and the minimum).
 */
public record RetrySettings(
        int maxAttempts,
        long initialDelayMs,
        double multiplier,
        long maxDelayMs,
        double jitter,
        List<String> idempotentMethods,
        double budgetPercent,
        int minRetryConcurrency) {

    public List<String> problems() {
        return new SettingsCheck()
                .rule(maxAttempts >= 1 && maxAttempts <= 10, "retry.maxAttempts", "1..10", maxAttempts)
                .rule(initialDelayMs >= 0, "retry.initialDelayMs", ">= 0", initialDelayMs)
                .rule(multiplier >= 1, "retry.multiplier", ">= 1", multiplier)
                .rule(maxDelayMs >= initialDelayMs, "retry.maxDelayMs", ">= retry.initialDelayMs", maxDelayMs)
                .rule(jitter >= 0 && jitter <= 1, "retry.jitter", "between 0 and 1", jitter)
                // Route methods are upper case: a "get" here would silently make every GET a write that is not retried.
                .rule(idempotentMethods != null && idempotentMethods.stream().allMatch(m -> m != null && m.matches("[A-Z]+")),
                        "retry.idempotentMethods", "a list of upper-case HTTP methods", idempotentMethods)
                .rule(budgetPercent >= 0 && budgetPercent <= 100, "retry.budgetPercent", "between 0 and 100", budgetPercent)
                .rule(minRetryConcurrency >= 0, "retry.minRetryConcurrency", ">= 0", minRetryConcurrency)
                .problems();
    }

    /** The backoff these settings describe; {@code random} gives values in [0, 1) for the jitter. */
    public Backoff backoff(DoubleSupplier random) {
        return Backoff.exponential(initialDelayMs, multiplier, maxDelayMs, jitter, random);
    }

    /** A new retry budget with these settings; each provider holds one. */
    public RetryBudget budget() {
        return new RetryBudget(budgetPercent, minRetryConcurrency);
    }
}
