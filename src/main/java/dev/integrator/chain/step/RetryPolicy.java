package dev.integrator.chain.step;

import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.retry.RetryDecision;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code retryWhile} of the upstream route: whether a failed attempt is tried again. It is the only bound
 * on redelivery (retryWhile replaces maximumRedeliveries), so every rule that stops a retry lives here:
 * not retryable, attempts used up, a non-idempotent request without an idempotency key that may have arrived, a
 * requested wait longer than the budget's maximum, or a wait that leaves no time for a useful attempt before the
 * call's deadline. When no retry is made, the failure that asked for it is the call's outcome.
 */
public final class RetryPolicy implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return decide(exchange).retry();
    }

    /**
     * Decided once per failure: the delay processor and retryWhile both ask, and must agree. The failure, not the
     * attempt count, keys the decision: a budget refusal or a passed deadline fails before an attempt is counted,
     * and must be judged on its own instead of repeating the previous failure's "retry". Camel has moved the
     * exception to EXCEPTION_CAUGHT by the time it evaluates retryWhile.
     */
    static RetryDecision decide(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        Throwable failure = exchange.getException() != null
                ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return s.decision(failure, () -> compute(s, failure));
    }

    static RetryDecision compute(CallContext s, Throwable failure) {
        int attempt = s.attempts();
        long minAttemptMs = s.spec().provider().config().timeouts().attemptRoomMs();
        if (s.retriesToken(failure)) {
            // The provider refused the token, so it did nothing with the request: a write is safe to send again, and
            // the attempt does not count against maxAttempts (the call keeps its retries for outages).
            return minAttemptMs > s.remainingMs()
                    ? new RetryDecision(attempt, false, 0, "a " + minAttemptMs + " ms attempt would pass the deadline")
                    : new RetryDecision(attempt, true, 0, "token refused: retrying once with a new token");
        }
        if (!(failure instanceof IntegrationException e) || !e.retryable()) {
            return new RetryDecision(attempt, false, 0, "not retryable");
        }
        if (s.countedAttempts() >= s.spec().maxAttempts()) {
            return new RetryDecision(attempt, false, 0, "attempts used up");
        }
        if (!s.spec().idempotent() && !keyed(s) && e.requestSent()) {
            return new RetryDecision(attempt, false, 0, s.spec().method() + " may have reached the provider");
        }
        long maxWaitMs = s.spec().provider().config().budget().maxWaitMs();
        long delayMs = e.retryAfterMs() != null ? e.retryAfterMs() : s.spec().provider().backoff().delayMs(Math.max(1, attempt));
        if (e.retryAfterMs() != null && delayMs > maxWaitMs) {
            return new RetryDecision(attempt, false, delayMs, "requested wait exceeds " + maxWaitMs + " ms");
        }
        // An attempt squeezed into the deadline's last milliseconds can only time out: that TIMEOUT would hide the
        // failure that asked for the retry (a RATE_LIMITED with its wait) and count as an outage.
        if (delayMs + minAttemptMs > s.remainingMs()) {
            return new RetryDecision(attempt, false, delayMs, "wait and a " + minAttemptMs + " ms attempt would pass the deadline");
        }
        return new RetryDecision(attempt, true, delayMs, "retrying");
    }

    /**
     * A write sent with the caller's idempotency key under the provider's header may be sent again: the provider
     * answers a repeat of the key with the first result. The request is built once per call, so every attempt carries
     * the same key.
     */
    private static boolean keyed(CallContext s) {
        String header = s.spec().provider().config().idempotencyHeader();
        return header != null && s.request() != null && s.request().headers().containsKey(header);
    }
}
