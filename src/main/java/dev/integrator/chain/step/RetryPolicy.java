package dev.integrator.chain.step;

import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.retry.RetryBudget;
import dev.integrator.chain.retry.RetryDecision;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * The {@code retryWhile} of the upstream route: whether a failed attempt is tried again. It is the only bound
 * on redelivery (retryWhile replaces maximumRedeliveries), so every rule that stops a retry lives here:
 * not retryable, attempts used up, a non-idempotent request without an idempotency key that may have arrived, a
 * requested wait longer than the budget's maximum, a wait that leaves no time for a useful attempt before the
 * call's deadline, or a provider whose retry budget has no room (checked last, so only a retry that would otherwise
 * be made takes a slot). When no retry is made, the failure that asked for it is the call's outcome, as it is:
 * a retry the budget refused keeps {@code retryable: true}, since a caller may well try again later.
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
            // the attempt does not count against maxAttempts (the call keeps its retries for outages). Nor does it draw
            // on the retry budget: the provider answered, so this is no outage retry that could pile onto one, it is at
            // most one per call, and refusing it would turn a routine token rotation under load into UNAUTHORIZED.
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
        if (!s.takeRetry()) {
            s.meters().retryBudgetRefused();
            RetryBudget budget = s.spec().provider().retryBudget();
            return new RetryDecision(attempt, false, delayMs, "the retry budget refused it: " + budget.activeRetries()
                    + " retries in flight, at most " + budget.limit() + " for " + budget.activeCalls() + " active calls");
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
