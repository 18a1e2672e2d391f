package dev.integrator.chain.budget.shared;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.budget.BudgetSettings;

/** What one provider's calls do while the shared store does not answer ({@code budget.whenSharedUnavailable}). */
final class Fallback {

    private final String provider;
    private final BudgetSettings settings;

    Fallback(String provider, BudgetSettings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    boolean refuses() {
        return BudgetSettings.REFUSE.equals(settings.whenSharedUnavailable());
    }

    /** {@code local}, unless the provider refuses calls while its quota cannot be shared. */
    <T> T refuseOr(T local) {
        if (refuses()) {
            // Sending would risk the quota every instance shares. Not retryable within the call: a budget failure counts
            // no attempt, so the chain would retry it until the deadline instead of failing at once. Nothing was sent,
            // so the caller may send it again once Redis answers.
            throw IntegrationException.of(ErrorCode.UNAVAILABLE, "the shared " + provider + " request budget cannot be reached "
                    + "and budget.whenSharedUnavailable is refuse; nothing was sent").retryable(false).notSent().build();
        }
        return local;
    }

    double requestsPerSecond(double shared) {
        return settings.fallbackRequestsPerSecond(shared);
    }

    int burst(int shared) {
        return settings.fallbackBurst(shared);
    }
}
