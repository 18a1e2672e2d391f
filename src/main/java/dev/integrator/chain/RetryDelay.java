package dev.integrator.chain;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code onExceptionOccurred} of the upstream route. It runs before Camel computes the redelivery delay
 * and sets it through {@code CamelRedeliveryDelay}: the provider's Retry-After or reset time when it named
 * one, otherwise the provider's exponential backoff with jitter.
 */
public final class RetryDelay implements Processor {

    @Override
    public void process(Exchange exchange) {
        RetryDecision decision = RetryPolicy.decide(exchange);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, decision.retry() ? decision.delayMs() : 0L);
    }
}
