package dev.integrator.chain;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket shared by every operation of a provider (quotas are per credential, not per endpoint).
 * Every attempt, retries included, takes a token. A caller waits for its token only up to a bound; a longer
 * wait fails at once with RATE_LIMITED and the wait as retryAfterMs, so no thread sleeps for an hour. The
 * provider can also pause the budget until its quota resets.
 */
public final class Budget {

    private final String name;
    private final double requestsPerSecond;
    private final double permitsPerMs;
    private final double burst;
    private final LongSupplier clockMs;
    private double tokens;
    private long refilledAtMs;
    private long pausedUntilMs;

    public Budget(String name, double requestsPerSecond, int burst, LongSupplier clockMs) {
        this.name = name;
        this.requestsPerSecond = requestsPerSecond;
        this.permitsPerMs = requestsPerSecond / 1000.0;
        this.burst = burst;
        this.clockMs = clockMs;
        this.tokens = burst;
        this.refilledAtMs = clockMs.getAsLong();
    }

    /** Takes one token, waiting at most {@code maxWaitMs}; returns the time waited in ms. */
    public long acquire(long maxWaitMs) {
        long waitMs = reserve(maxWaitMs);
        if (waitMs > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IntegrationException.of(ErrorCode.INTERNAL, "interrupted while waiting for the " + name + " budget").notSent().build();
            }
        }
        return waitMs;
    }

    /** Reserves a token and returns how long until it is ours; refuses, reserving nothing, beyond {@code maxWaitMs}. */
    synchronized long reserve(long maxWaitMs) {
        long now = clockMs.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAtMs) * permitsPerMs);
        refilledAtMs = now;
        long pauseMs = Math.max(0, pausedUntilMs - now);
        long refillMs = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / permitsPerMs);
        long waitMs = Math.max(pauseMs, refillMs);
        if (waitMs > maxWaitMs) {
            throw IntegrationException.of(ErrorCode.RATE_LIMITED, "the " + name + " request budget is exhausted for " + waitMs + " ms")
                    .retryable(true).retryAfterMs(waitMs).notSent().build();
        }
        tokens -= 1;
        return waitMs;
    }

    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    public synchronized void reset() {
        tokens = burst;
        refilledAtMs = clockMs.getAsLong();
        pausedUntilMs = 0;
    }

    /** The provider said its quota is used up until {@code epochMs}: hold every caller until then. */
    public synchronized void pauseUntil(long epochMs) {
        pausedUntilMs = Math.max(pausedUntilMs, epochMs);
    }
}
