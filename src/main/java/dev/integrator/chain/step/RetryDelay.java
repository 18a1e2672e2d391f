package dev.integrator.chain.step;

import dev.integrator.chain.CallContext;
import dev.integrator.chain.retry.RetryDecision;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code onExceptionOccurred} of the upstream route. It runs before Camel computes the redelivery delay
 * and sets it through {@code CamelRedeliveryDelay}: the provider's Retry-After or reset time when it named
 * one, otherwise the provider's exponential backoff with jitter. A rate-limit answer has paused the operation's
 * resource until that time: the budget step holds the retry there with every other waiting call, each with its
 * own jitter, so only the part of the wait the pause does not cover is spent here.
 */
public final class RetryDelay implements Processor {

    @Override
    public void process(Exchange exchange) {
        RetryDecision decision = RetryPolicy.decide(exchange);
        CallContext s = CallContext.of(exchange);
        long delayMs = decision.retry() ? Math.max(0, decision.delayMs() - s.spec().pause().remainingMs()) : 0L;
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delayMs);
    }
}
