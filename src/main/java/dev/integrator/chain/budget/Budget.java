package dev.integrator.chain.budget;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.base.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket: the provider's, shared by all its operations (quotas are per credential, not per endpoint), or
 * an operation's own narrower one. Every attempt, retries included, takes a token. A token due within the caller's
 * bound is reserved and the caller sleeps until it is due; a longer wait fails at once with RATE_LIMITED and the
 * wait as retryAfterMs, so no thread sleeps for an hour.
 *
 * <p>bucket4j keeps the count, refilled from the monotonic clock (its default clock is the wall clock, hence the
 * explicit one); the same bucket API can later be backed by a shared store through a bucket4j proxy manager.
 */
public final class Budget {

    private final String name;
    private final double requestsPerSecond;
    private final Bucket bucket;

    public Budget(String name, double requestsPerSecond, int burst, TimeSource time) {
        this.name = name;
        this.requestsPerSecond = requestsPerSecond;
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond)));
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perToken))
                .withCustomTimePrecision(monotonic(time))
                .build();
    }

    /**
     * Reserves one token due within {@code maxWaitMs} and returns the ms until it is due; the caller sleeps that
     * long. Beyond {@code maxWaitMs} it refuses with RATE_LIMITED, taking nothing.
     */
    public long reserve(long maxWaitMs) {
        long[] dueInNanos = {0};
        // bucket4j reserves the token and hands the wait to the blocking strategy: keep it, so the caller sleeps
        // once for every budget it draws from.
        boolean reserved = maxWaitMs > 0
                ? bucket.asBlocking().tryConsumeUninterruptibly(1, TimeUnit.MILLISECONDS.toNanos(maxWaitMs), nanos -> dueInNanos[0] = nanos)
                : bucket.tryConsume(1);
        if (!reserved) {
            long waitMs = ceilMs(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            throw IntegrationException.of(ErrorCode.RATE_LIMITED, "the " + name + " request budget is exhausted for " + waitMs + " ms")
                    .retryable(true).retryAfterMs(waitMs).notSent().build();
        }
        return ceilMs(dueInNanos[0]);
    }

    /** Returns a reserved token that will not be used: another budget refused the call. */
    public void giveBack() {
        bucket.addTokens(1);
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

    private static TimeMeter monotonic(TimeSource time) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return time.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }
}
