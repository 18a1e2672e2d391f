package dev.integrator.chain.budget;

import dev.integrator.chain.base.SettingsCheck;
import java.util.List;

/**
 * The provider-wide request budget that every operation and every retry draws from ({@code budget:} in the provider
 * settings). {@code maxWaitMs} is the longest a call is held for the budget, a pause, a Retry-After or a reset; a
 * longer wait fails at once with RATE_LIMITED.
 */
public record BudgetSettings(double requestsPerSecond, int burst, long maxWaitMs) {

    public List<String> problems() {
        return new SettingsCheck()
                .rule(requestsPerSecond > 0, "budget.requestsPerSecond", "> 0", requestsPerSecond)
                .rule(burst >= 1, "budget.burst", ">= 1", burst)
                .rule(maxWaitMs >= 0, "budget.maxWaitMs", ">= 0", maxWaitMs)
                .problems();
    }
}
