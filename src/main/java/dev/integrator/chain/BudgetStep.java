package dev.integrator.chain;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Throttle link: every attempt, retries included, draws one request from the provider's shared budget and then
 * from the operation's own, if it has one. It runs inside the retried sub-route so retries pay too.
 */
public final class BudgetStep implements Processor {

    static final String WAITED = "integrator.budgetWaitMs";

    @Override
    public void process(Exchange exchange) {
        CallState s = exchange.getProperty(CallState.PROPERTY, CallState.class);
        long maxWait = Math.max(0, Math.min(s.spec.provider().config().budget().maxWaitMs(), s.remainingMs()));
        long waited;
        try {
            waited = s.spec.provider().budget().acquire(maxWait);
            if (s.spec.budget() != null) {
                waited += s.spec.budget().acquire(Math.max(0, maxWait - waited));
            }
        } catch (IntegrationException e) {
            if (e.code() == ErrorCode.RATE_LIMITED) {
                s.meters.throttleRejected();
            }
            throw e;
        }
        s.throttleWaitMs += waited;
        s.meters.throttled(waited);
        exchange.setProperty(WAITED, waited);
    }
}
