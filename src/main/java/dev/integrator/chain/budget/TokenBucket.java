package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * A {@link RateBucket} over a bucket4j bucket: one in this instance's memory ({@link #local}), or a proxy of one kept
 * in a shared store, which answers the same calls.
 */
public final class TokenBucket implements RateBucket {

    private final Bucket bucket;

    public TokenBucket(Bucket bucket) {
        this.bucket = bucket;
    }

    /**
     * A bucket in this instance's memory, refilled from the monotonic clock (bucket4j's default clock is the wall
     * clock, hence the explicit one).
     */
    public static TokenBucket local(double requestsPerSecond, int burst, TimeSource time) {
        return new TokenBucket(Bucket.builder()
                .addLimit(BucketLimits.bandwidth(requestsPerSecond, burst))
                .withCustomTimePrecision(monotonic(time))
                .build());
    }

    @Override
    public long reserve(long maxWaitNanos) {
        long[] dueInNanos = {0};
        // bucket4j reserves the token and hands the wait to the blocking strategy: keep it instead of parking, so the
        // caller sleeps once for every budget it draws from.
        boolean reserved = maxWaitNanos > 0
                ? bucket.asBlocking().tryConsumeUninterruptibly(1, maxWaitNanos, nanos -> dueInNanos[0] = nanos)
                : bucket.tryConsume(1);
        return reserved ? dueInNanos[0] : -1;
    }

    @Override
    public long nanosToWait() {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    @Override
    public void giveBack() {
        bucket.addTokens(1);
    }

    @Override
    public void reconfigure(double requestsPerSecond, int burst) {
        bucket.replaceConfiguration(BucketLimits.configuration(requestsPerSecond, burst), TokensInheritanceStrategy.AS_IS);
    }

    @Override
    public void reset() {
        bucket.reset();
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
