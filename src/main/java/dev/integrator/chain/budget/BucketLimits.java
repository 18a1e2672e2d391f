package dev.integrator.chain.budget;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The one bucket4j limit every budget is made of, wherever its bucket is kept. */
public final class BucketLimits {

    private BucketLimits() {
    }

    /** {@code burst} tokens, one more every 1/requestsPerSecond, handed out as soon as it is due (greedy). */
    public static Bandwidth bandwidth(double requestsPerSecond, int burst) {
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond)));
        return Bandwidth.builder().capacity(burst).refillGreedy(1, perToken).build();
    }

    public static BucketConfiguration configuration(double requestsPerSecond, int burst) {
        return BucketConfiguration.builder().addLimit(bandwidth(requestsPerSecond, burst)).build();
    }
}
