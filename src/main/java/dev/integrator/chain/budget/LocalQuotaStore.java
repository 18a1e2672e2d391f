package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;

/** Quota state in this instance alone: bucket4j buckets and pauses on the monotonic clock. */
public final class LocalQuotaStore implements QuotaStore {

    private final TimeSource time;

    public LocalQuotaStore(TimeSource time) {
        this.time = time;
    }

    @Override
    public RateBucket bucket(String provider, String name, double requestsPerSecond, int burst) {
        return TokenBucket.local(requestsPerSecond, burst, time);
    }

    @Override
    public PauseState pause(String provider, String resource) {
        return new LocalPause(time);
    }

    @Override
    public void close() {
    }
}
