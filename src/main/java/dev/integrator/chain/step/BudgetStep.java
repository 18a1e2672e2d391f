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
     * Takes the operation's token, the provider's and one of its rate-limit resource's pace, all or none: a search
     * its own budget refuses must not spend a token every other operation needs. All are reservations from now, as is
     * the pause, so the call sleeps once, for the longest of the waits. Returns the ms waited.
     */
    static long take(OperationSpec spec, long maxWaitMs) {
        long waitMs = spec.pause().waitMs(maxWaitMs);
        List<Budget> taken = new ArrayList<>(3);
        try {
            for (Budget budget : budgets(spec)) {
                waitMs = Math.max(waitMs, budget.reserve(maxWaitMs));
                taken.add(budget);
            }
        } catch (IntegrationException e) {
            taken.forEach(Budget::giveBack);
            throw e;
        }
        if (waitMs > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IntegrationException.of(ErrorCode.INTERNAL, "interrupted while waiting for the " + spec.provider().config().provider()
                        + " budget").notSent().build();
            }
        }
        return waitMs;
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
