package dev.integrator.chain.retry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy's retry budget for one provider, as this instance sees it: at most {@code budgetPercent} % of the provider's
 * active calls may be retries in flight, and never fewer than {@code minRetryConcurrency}. Without it an outage
 * multiplies the load on a provider that is already failing by {@code maxAttempts}; with it the retries stay a share
 * of the calls, so the provider sees about (1 + share) times the call rate while it is down.
 *
 * <p>A call is active from its start to its outcome. A retry is in flight from the moment it is granted, through its
 * backoff wait, until its attempt has failed (the next decision) or the call has ended: as in Envoy, a retry waiting
 * out its delay is outstanding, or a provider answering fast would let every waiting call retry at once. Each
 * {@link #callStarted} needs its {@link #callEnded} and each granted {@link #tryAcquire} its {@link #release}; the call
 * context pairs them on every path. Counts are per instance, like the breakers: a share of this instance's own
 * traffic needs no coordination.
 */
public final class RetryBudget {

    private final double budgetPercent;
    private final int minRetryConcurrency;
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicInteger activeRetries = new AtomicInteger();

    public RetryBudget(double budgetPercent, int minRetryConcurrency) {
        if (budgetPercent < 0 || budgetPercent > 100 || minRetryConcurrency < 0) {
            throw new IllegalArgumentException("retry budget needs budgetPercent in [0,100] and minRetryConcurrency >= 0, but was "
                    + budgetPercent + ", " + minRetryConcurrency);
        }
        this.budgetPercent = budgetPercent;
        this.minRetryConcurrency = minRetryConcurrency;
    }

    public void callStarted() {
        activeCalls.incrementAndGet();
    }

    public void callEnded() {
        activeCalls.decrementAndGet();
    }

    /** Grants a retry when fewer than {@link #limit()} are in flight; a granted one is in flight until {@link #release}. */
    public boolean tryAcquire() {
        while (true) {
            int inFlight = activeRetries.get();
            if (inFlight >= limit()) {
                return false;
            }
            if (activeRetries.compareAndSet(inFlight, inFlight + 1)) {
                return true;
            }
        }
    }

    public void release() {
        activeRetries.decrementAndGet();
    }

    /** Retries that may be in flight now: the share of the active calls, rounded down as Envoy does, or the minimum. */
    public int limit() {
        return Math.max(minRetryConcurrency, (int) Math.floor(budgetPercent * activeCalls.get() / 100.0));
    }

    public int activeCalls() {
        return activeCalls.get();
    }

    public int activeRetries() {
        return activeRetries.get();
    }
}
