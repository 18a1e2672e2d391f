package dev.integrator.chain.budget;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.util.concurrent.TimeUnit;

/**
 * A request budget: the provider's, shared by all its operations (quotas are per credential, not per endpoint), or
 * an operation's own narrower one. Every attempt, retries included, takes a token. A token due within the caller's
 * bound is reserved and the caller sleeps until it is due; a longer wait fails at once with RATE_LIMITED and the
 * wait as retryAfterMs, so no thread sleeps for an hour. The count lives in a {@link RateBucket} of a
 * {@link QuotaStore}: this instance's memory, or a store every instance shares.
 */
public final class Budget {

    private final String name;
    private final double requestsPerSecond;
    private final RateBucket bucket;

    public Budget(String name, double requestsPerSecond, RateBucket bucket) {
        this.name = name;
        this.requestsPerSecond = requestsPerSecond;
        this.bucket = bucket;
    }

    /**
     * Reserves one token due within {@code maxWaitMs} and returns the ms until it is due; the caller sleeps that
     * long. Beyond {@code maxWaitMs} it refuses with RATE_LIMITED, taking nothing.
     */
    public long reserve(long maxWaitMs) {
        long dueInNanos = bucket.reserve(TimeUnit.MILLISECONDS.toNanos(maxWaitMs));
        if (dueInNanos < 0) {
            long waitMs = ceilMs(bucket.nanosToWait());
            throw IntegrationException.of(ErrorCode.RATE_LIMITED, "the " + name + " request budget is exhausted for " + waitMs + " ms")
                    .retryable(true).retryAfterMs(waitMs).notSent().build();
        }
        return ceilMs(dueInNanos);
    }

    /** Returns a reserved token that will not be used: another budget refused the call. */
    public void giveBack() {
        bucket.giveBack();
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    public void reset() {
        bucket.reset();
    }

    private static long ceilMs(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}
