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
 * One attempt within the call's deadline, through the HTTP client or the operation's SDK binding. A success with the
 * contract's status becomes the body; any other answer becomes a typed error that the upstream route's retry policy
 * judges. A rate-limit answer, or one saying the quota is used up, pauses the budget of its rate-limit resource for
 * every operation on it; one saying what is left of the quota paces the calls on that resource. An answer refusing
 * the attempt's token (a 401, or one of the provider's {@code auth.refusedCodes}) drops that token, and the call gets
 * one retry with a new one when the token source can fetch one.
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
        ProviderRuntime provider = s.spec().provider();
        String token = null;
        try {
            Duration timeout = Duration.ofMillis(Math.min(provider.config().timeouts().responseMs(), remaining));
            // Asked on every attempt: a token refreshed after a refusal or near its expiry reaches the retry.
            token = provider.tokens().token();
            // An SDK-backed operation hands back what the provider sent, as the HTTP client does: the rest is the same.
            response = s.spec().binding() != null ? s.spec().binding().call(s.params(), token)
                    : provider.client().exchange(tracing.propagate(s.request()), provider.authorization(token), timeout);
            s.answered(response);
            Instant now = provider.time().now();
            failure = ErrorClassifier.failureOf(provider, response, now);
            provider.pauses().after(response, failure, s.spec().pause(), now);
            provider.paces().after(response, s.spec().pause().resource(), now);
            if (failure != null) {
                throw failure;
            }
            s.responded(response);
            exchange.getMessage().setBody(response);
        } catch (IntegrationException e) {
            failure = e.redacted(redactor);
            if (token != null && response != null && s.mayRetryToken() && TokenRefusal.refuses(provider, response)
                    && provider.tokens().refused(token)) {
                s.tokenRefused(failure);
            }
            throw failure;
        } finally {
            s.meters().attempt(attempt, response == null ? 0 : response.status());
            CallLog.attempt(s, response, failure, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
