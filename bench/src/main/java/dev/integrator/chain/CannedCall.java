package dev.integrator.chain;

import dev.integrator.chain.step.AttemptStep;
import dev.integrator.http.UpstreamResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Stands in for {@link AttemptStep} in the in-process benchmarks: the attempt "answers" a prepared response without
 * a socket, so JMH measures every other link of the chain as it runs in Camel.
 */
public final class CannedCall implements Processor {

    /** The answer every attempt gets; set by the benchmark before the first call. */
    public static volatile UpstreamResponse response;

    @Override
    public void process(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        s.attemptStarted();
        s.responded(response);
        exchange.getMessage().setBody(response);
    }
}
