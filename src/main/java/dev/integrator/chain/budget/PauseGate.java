package dev.integrator.chain.budget;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.base.TimeSource;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The pause of one rate-limit resource of a provider (GitHub's core, search, graphql, ...), set when an answer on
 * that resource is a rate limit or says its quota is used up. Every call on the resource waits until the pause is
 * over, plus its own bit of jitter, so the waiting calls do not all return in the same instant. Hand-written on
 * purpose: a pause is a deadline set by the provider, not a refill rate a token bucket could express.
 */
public final class PauseGate {

    private final String provider;
    private final String resource;
    private final TimeSource time;
    private final long jitterMs;
    private final DoubleSupplier random;
    private long pausedUntilNanos;

    /** @param random values in [0, 1) that spread the waiting calls over {@code jitterMs} */
    PauseGate(String provider, String resource, TimeSource time, long jitterMs, DoubleSupplier random) {
        this.provider = provider;
        this.resource = resource;
        this.time = time;
        this.jitterMs = jitterMs;
        this.random = random;
        this.pausedUntilNanos = time.nanoTime();
    }

    /** Holds every call for {@code waitMs} from now, on the monotonic clock; a pause that ends later is kept. */
    public synchronized void pauseFor(long waitMs) {
        long until = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
    }

    /** The ms until the pause is over; 0 when not paused. */
    public synchronized long remainingMs() {
        long nanos = pausedUntilNanos - time.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    /**
     * How long one call waits: the rest of the pause plus its own jitter, within {@code maxWaitMs}; 0 when not paused.
     * A pause that outlasts {@code maxWaitMs} refuses the call with RATE_LIMITED and the rest of the pause.
     */
    public long waitMs(long maxWaitMs) {
        long remaining = remainingMs();
        if (remaining == 0) {
            return 0;
        }
        if (remaining > maxWaitMs) {
            throw IntegrationException.of(ErrorCode.RATE_LIMITED, "the " + provider + " rate limit '" + resource + "' is paused for "
                    + remaining + " ms").retryable(true).retryAfterMs(remaining).notSent().build();
        }
        return Math.min(maxWaitMs, remaining + (long) (random.getAsDouble() * jitterMs));
    }

    public String resource() {
        return resource;
    }

    synchronized void reset() {
        pausedUntilNanos = time.nanoTime();
    }
}
