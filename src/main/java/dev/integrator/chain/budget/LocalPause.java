package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;
import java.util.concurrent.TimeUnit;

/** A pause's end on this instance's monotonic clock. */
final class LocalPause implements PauseState {

    private final TimeSource time;
    private long pausedUntilNanos;

    LocalPause(TimeSource time) {
        this.time = time;
        this.pausedUntilNanos = time.nanoTime();
    }

    @Override
    public synchronized void pauseFor(long waitMs) {
        long until = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
    }

    @Override
    public synchronized long remainingMs() {
        long nanos = pausedUntilNanos - time.nanoTime();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    @Override
    public synchronized void reset() {
        pausedUntilNanos = time.nanoTime();
    }
}
