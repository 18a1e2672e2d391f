package dev.integrator.chain.retry;

import java.util.function.DoubleSupplier;

/** The wait before retry number {@code attempt} (1 = the first retry). A small function type with named factories. */
@FunctionalInterface
public interface Backoff {

    long delayMs(int attempt);

    /**
     * initial * multiplier^(attempt-1), capped at {@code maxMs}, then reduced by up to {@code jitter} (0..1) of
     * itself at random, so that callers who failed together do not retry together.
     */
    static Backoff exponential(long initialMs, double multiplier, long maxMs, double jitter, DoubleSupplier random) {
        if (initialMs < 0 || multiplier < 1 || maxMs < initialMs || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff needs initialMs >= 0, multiplier >= 1, maxMs >= initialMs and jitter in [0,1], but was "
                    + initialMs + ", " + multiplier + ", " + maxMs + ", " + jitter);
        }
        return attempt -> {
            double capped = Math.min(maxMs, initialMs * Math.pow(multiplier, Math.max(0, attempt - 1)));
            return Math.round(capped * (1 - jitter * random.getAsDouble()));
        };
    }
}
