package dev.integrator.chain.step;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.observe.Tracing;
import dev.integrator.redact.Redactor;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One HTTP attempt within the call's deadline. A success with the contract's status becomes the body; any
 * other answer becomes a typed error that the upstream route's retry policy judges. A rate-limit answer, or one
 * saying the quota is used up, pauses the budget of its rate-limit resource for every operation on it.
 */
public final class AttemptStep implements Processor {

    private final Tracing tracing;
    private final Redactor redactor;

    /**
     * With tracing on, each attempt's request carries the current span's W3C trace context. {@code redactor} masks
     * what a provider echoes in an error (a token in a 401 message) where the error is made, so that no copy of it
     * holds a secret: spans and logs record failed attempts before the call's outcome exists.
     */
    private AttemptStep(Tracing tracing, Redactor redactor) {
        this.tracing = tracing;
        this.redactor = redactor;
    }

    /** The attempt link; with tracing on, each attempt runs in a client span named after the operation. */
    public static Processor traced(Tracing tracing, Redactor redactor) {
        return tracing.aroundAttempt(new AttemptStep(tracing, redactor), exchange -> CallContext.of(exchange).spec().id(),
                exchange -> CallContext.of(exchange).attempts());
    }

    @Override
    public void process(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        long remaining = s.remainingMs();
        if (remaining <= 0) {
            throw IntegrationException.of(ErrorCode.TIMEOUT, "deadline of " + s.spec().provider().config().timeouts().deadlineMs()
                    + " ms passed after " + s.attempts() + " attempt(s)").retryable(true).notSent().build();
        }
        int attempt = s.attemptStarted();
        long started = System.nanoTime();
        UpstreamResponse response = null;
        IntegrationException failure = null;
        try {
            ProviderRuntime provider = s.spec().provider();
            Duration timeout = Duration.ofMillis(Math.min(provider.config().timeouts().responseMs(), remaining));
            response = provider.client().exchange(tracing.propagate(s.request()), timeout);
            s.answered(response);
            Instant now = provider.time().now();
            failure = ErrorClassifier.failureOf(provider, response, now);
            provider.pauses().after(response, failure, s.spec().pause(), now);
            if (failure != null) {
                throw failure;
            }
            s.responded(response);
            exchange.getMessage().setBody(response);
        } catch (IntegrationException e) {
            failure = e.redacted(redactor);
            throw failure;
        } finally {
            s.meters().attempt(attempt, response == null ? 0 : response.status());
            CallLog.attempt(s, response, failure, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
