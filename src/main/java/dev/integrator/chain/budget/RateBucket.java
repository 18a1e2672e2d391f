package dev.integrator.chain.budget;

/** A token bucket as {@link Budget} draws from it, wherever its count is kept. */
public interface RateBucket {

    /**
     * Reserves one token due within {@code maxWaitNanos} and returns the nanoseconds until it is due (0: at once); the
     * caller waits that long. Returns -1, taking nothing, when the token would be due later.
     */
    long reserve(long maxWaitNanos);

    /** The nanoseconds until one token could be taken; 0 when one is there. */
    long nanosToWait();

    /** Puts back one token reserved for a call that will not be made. */
    void giveBack();

    /**
     * From now on refills at {@code requestsPerSecond} up to {@code burst} tokens, keeping the tokens it holds up to
     * the new capacity (a provider's own count of what is left changes the pace).
     */
    void reconfigure(double requestsPerSecond, int burst);

    /** Full again. */
    void reset();
}
