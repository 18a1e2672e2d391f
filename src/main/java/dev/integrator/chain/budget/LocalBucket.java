package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * A bucket4j bucket in this instance's memory, refilled from the monotonic clock (bucket4j's default clock is the
 * wall clock, hence the explicit one).
 */
final class LocalBucket implements RateBucket {

    private final Bucket bucket;

    LocalBucket(double requestsPerSecond, int burst, TimeSource time) {
        this.bucket = Bucket.builder()
                .addLimit(BucketLimits.bandwidth(requestsPerSecond, burst))
                .withCustomTimePrecision(monotonic(time))
                .build();
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
