package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;
import java.util.concurrent.TimeUnit;

/**
 * The pace of one rate-limit resource: what the provider last said is left of it, spread evenly over the time to its
 * reset ({@link QuotaReport#paceRps()}), instead of spent at the budget's speed and then stopped dead by the pause at
 * 0. Its bucket, {@code pace:<resource>} in the quota store, holds one token, so the pace cannot be run
 * ahead of. Reconfigured only when a new answer moves the pace by more than {@link #CHANGE}: with a shared store
 * that is a round trip, and an even pace leaves the ratio of remaining to reset unchanged answer after answer.
 * No pace applies before the first answer that reports one, once its reset has passed, after an answer that reports
 * nothing, or while the pace is no slower than the provider's own budget.
 */
public final class RatePace {

    /** The share a new pace must differ by to replace the current one. */
    static final double CHANGE = 0.05;

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final String provider;
    private final String resource;
    private final QuotaStore store;
    private final TimeSource time;
    private RateBucket bucket;
    private Budget budget;
    private double rps;
    private boolean active;
    /** The monotonic time of the reset, while active. */
    private long resetAt;

    RatePace(String provider, String resource, QuotaStore store, TimeSource time) {
        this.provider = provider;
        this.resource = resource;
        this.store = store;
        this.time = time;
    }

    /** The budget of the pace, or null when none applies now. */
    public synchronized Budget budget() {
        if (active && time.nanoTime() - resetAt >= 0) {
            active = false;
        }
        return active ? budget : null;
    }

    /**
     * Paces by {@code report} (its reset at most a pause long), unless that is no slower than {@code budgetRps}. A
     * remaining count of 0 changes nothing: the pause holds every call until the reset.
     */
    synchronized void follow(QuotaReport report, double budgetRps) {
        if (report.remaining() == 0) {
            return;
        }
        long now = time.nanoTime();
        long reset = now + TimeUnit.MILLISECONDS.toNanos(report.resetMs());
        // A reset in whole seconds moves by up to one between answers of one window: the earliest is the closest.
        if (active && reset - resetAt < SECOND && resetAt - reset < SECOND && resetAt - now > 0) {
            reset = Math.min(reset, resetAt);
        }
        double pace = new QuotaReport(report.remaining(), TimeUnit.NANOSECONDS.toMillis(reset - now)).paceRps();
        if (pace >= budgetRps) {
            active = false;
            return;
        }
        if (bucket == null || Math.abs(pace - rps) > CHANGE * rps) {
            if (bucket == null) {
                bucket = store.bucket(provider, "pace:" + resource, pace, 1);
            } else {
                bucket.reconfigure(pace, 1);
            }
            budget = new Budget(provider + " '" + resource + "' pace", pace, bucket);
            rps = pace;
        }
        active = true;
        resetAt = reset;
    }

    /** No pace until an answer reports one. */
    synchronized void lift() {
        active = false;
    }

    /** Requests per second of the current pace; 0 when none applies. */
    public synchronized double requestsPerSecond() {
        return budget() == null ? 0 : rps;
    }
}
