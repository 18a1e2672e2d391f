package dev.integrator.chain.budget;

import dev.integrator.chain.base.SettingsCheck;
import java.util.List;

/**
 * The provider-wide request budget that every operation and every retry draws from ({@code budget:} in the provider
 * settings). {@code maxWaitMs} is the longest a call is held for the budget, a pause, a Retry-After or a reset; a
 * longer wait fails at once with RATE_LIMITED.
 * <p>
 * With a shared quota store (Redis) every instance draws from one budget of {@code requestsPerSecond}. While the store
 * does not answer, {@code whenSharedUnavailable} decides: {@value #LOCAL} gives each instance a budget of its own of
 * {@code requestsPerSecond / expectedInstances} (burst likewise, at least 1) and its own pauses, so the instances
 * together stay near the quota; {@value #REFUSE} fails every call at once with UNAVAILABLE (not retried by the chain), sending nothing.
 */
public record BudgetSettings(double requestsPerSecond, int burst, long maxWaitMs, int expectedInstances, String whenSharedUnavailable) {

    public static final String LOCAL = "local";
    public static final String REFUSE = "refuse";
    public static final List<String> WHEN_SHARED_UNAVAILABLE = List.of(LOCAL, REFUSE);

    /** A budget for one instance: no fallback to think about. */
    public BudgetSettings(double requestsPerSecond, int burst, long maxWaitMs) {
        this(requestsPerSecond, burst, maxWaitMs, 1, LOCAL);
    }

    public List<String> problems() {
        return new SettingsCheck()
                .rule(requestsPerSecond > 0, "budget.requestsPerSecond", "> 0", requestsPerSecond)
                .rule(burst >= 1, "budget.burst", ">= 1", burst)
                .rule(maxWaitMs >= 0, "budget.maxWaitMs", ">= 0", maxWaitMs)
                .rule(expectedInstances >= 1, "budget.expectedInstances", ">= 1", expectedInstances)
                .rule(WHEN_SHARED_UNAVAILABLE.contains(whenSharedUnavailable), "budget.whenSharedUnavailable",
                        "one of " + WHEN_SHARED_UNAVAILABLE, whenSharedUnavailable)
                .problems();
    }

    /** The budget one instance keeps while the shared store does not answer: its share of the rate. */
    public double fallbackRequestsPerSecond(double sharedRequestsPerSecond) {
        return sharedRequestsPerSecond / expectedInstances;
    }

    /** The burst one instance keeps while the shared store does not answer: its share, at least 1. */
    public int fallbackBurst(int sharedBurst) {
        return Math.max(1, sharedBurst / expectedInstances);
    }
}
