package dev.integrator.chain.step;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.OperationSpec;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Throttle link: every attempt, retries included, waits out the pause of its rate-limit resource and draws one
 * request from the provider's shared budget and from the operation's own, if it has one. It runs inside the
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
     * Waits out the pause of the call's rate-limit resource, then takes the operation's token and the provider's, both
     * or neither: a search its own budget refuses must not spend a token every other operation needs. The tokens are
     * taken after the pause, not during it: tokens taken while it lasts would all be spent the moment it ends, a burst
     * on top of the budget's flow that earns the next 429 from a provider whose quota the budget matches. Both are
     * reservations from now, so the call sleeps once more, for the longer of the two. Returns the ms waited.
     */
    static long take(OperationSpec spec, long maxWaitMs) {
        long pauseMs = spec.pause().waitMs(maxWaitMs);
        sleep(spec, pauseMs);
        long left = maxWaitMs - pauseMs;
        long ownMs = spec.budget() == null ? 0 : spec.budget().reserve(left);
        long providerMs;
        try {
            providerMs = spec.provider().budget().reserve(left);
        } catch (IntegrationException e) {
            if (spec.budget() != null) {
                spec.budget().giveBack();
            }
            throw e;
        }
        long tokenMs = Math.max(ownMs, providerMs);
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
}
