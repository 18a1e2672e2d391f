package dev.integrator.chain.step;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.OperationSpec;
import dev.integrator.chain.budget.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Throttle link: every attempt, retries included, waits out the pause of its rate-limit resource and draws one
 * request from the provider's shared budget, from the operation's own, if it has one, and from the pace of its
 * rate-limit resource while the provider's answers set one. It runs inside the
 * retried sub-route so retries pay too.
 */
public final class BudgetStep implements Processor {

    @Override
    public void process(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        long maxWait = Math.max(0, Math.min(s.spec().provider().config().budget().maxWaitMs(), s.remainingMs()));
        long waited;
        try {
            waited = take(s.spec(), maxWait);
        } catch (IntegrationException e) {
            if (e.code() == ErrorCode.RATE_LIMITED) {
                s.meters().throttleRejected();
            }
            throw e;
        }
        s.throttled(waited);
        s.meters().throttled(waited);
    }

    /**
     * Waits out the pause of the call's rate-limit resource, then takes the operation's token, the provider's and one
     * of its rate-limit resource's pace, all or none: a search its own budget refuses must not spend a token every
     * other operation needs. The tokens are taken after the pause, not during it: tokens taken while it lasts would
     * all be spent the moment it ends, a burst on top of the budget's flow that earns the next 429 from a provider
     * whose quota the budget matches. The tokens are reservations from then, so the call sleeps once more, for the
     * longest of them. Returns the ms waited.
     */
    static long take(OperationSpec spec, long maxWaitMs) {
        long pauseMs = spec.pause().waitMs(maxWaitMs);
        sleep(spec, pauseMs);
        long left = maxWaitMs - pauseMs;
        long tokenMs = 0;
        List<Budget> taken = new ArrayList<>(3);
        try {
            for (Budget budget : budgets(spec)) {
                tokenMs = Math.max(tokenMs, budget.reserve(left));
                taken.add(budget);
            }
        } catch (IntegrationException e) {
            taken.forEach(Budget::giveBack);
            throw e;
        }
        sleep(spec, tokenMs);
        return pauseMs + tokenMs;
    }

    private static void sleep(OperationSpec spec, long ms) {
        if (ms > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IntegrationException.of(ErrorCode.INTERNAL, "interrupted while waiting for the " + spec.provider().config().provider()
                        + " budget").notSent().build();
            }
        }
    }

    /** The budgets a call of {@code spec} draws from: its own if any, the provider's, its resource's pace if one applies. */
    private static List<Budget> budgets(OperationSpec spec) {
        List<Budget> budgets = new ArrayList<>(3);
        if (spec.budget() != null) {
            budgets.add(spec.budget());
        }
        budgets.add(spec.provider().budget());
        Budget pace = spec.provider().paces().of(spec.pause().resource()).budget();
        if (pace != null) {
            budgets.add(pace);
        }
        return budgets;
    }
}
