package dev.integrator.chain.budget;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
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
    private final PauseState state;
    private final long jitterMs;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) that spread the waiting calls over {@code jitterMs} */
    PauseGate(String provider, String resource, PauseState state, long jitterMs, DoubleSupplier random) {
        this.provider = provider;
        this.resource = resource;
        this.state = state;
        this.jitterMs = jitterMs;
        this.random = random;
    }

    /** Holds every call for {@code waitMs} from now; a pause that ends later is kept. */
    public void pauseFor(long waitMs) {
        state.pauseFor(waitMs);
    }

    /** The ms until the pause is over; 0 when not paused. */
    public long remainingMs() {
        return state.remainingMs();
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

    void reset() {
        state.reset();
    }
}
