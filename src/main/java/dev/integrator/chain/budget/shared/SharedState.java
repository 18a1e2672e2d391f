package dev.integrator.chain.budget.shared;

import io.github.bucket4j.BucketExceptions;
import io.lettuce.core.RedisException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the shared store answers, and what a call does meanwhile. A failed command marks it down; while down only
 * one call per {@link #PROBE_EVERY_NANOS} tries the store again, the others go straight to the fallback, so a Redis
 * that hangs instead of refusing costs one command timeout per second, not one per call. Each change is logged once,
 * both at WARN, so that whoever saw the outage (WARN is the default level outside {@code run}) also sees its end.
 */
final class SharedState {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.quota");
    static final long PROBE_EVERY_NANOS = 1_000_000_000L;

    private final String where;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong nextProbeNanos = new AtomicLong();

    SharedState(String where) {
        this.where = where;
    }

    /** The shared answer, or {@code whenDown}'s when the store is down or fails now. */
    <T> T call(Supplier<T> shared, Supplier<T> whenDown) {
        if (tryShared()) {
            try {
                T answer = shared.get();
                answered();
                return answer;
            } catch (RedisException | BucketExceptions.BucketExecutionException e) {
                // Redis refused, timed out or is not connected; anything else is a bug and is not taken for an outage.
                failed(e);
            }
        }
        return whenDown.get();
    }

    boolean available() {
        return up.get();
    }

    String where() {
        return where;
    }

    private boolean tryShared() {
        if (up.get()) {
            return true;
        }
        long next = nextProbeNanos.get();
        long now = System.nanoTime();
        return now - next >= 0 && nextProbeNanos.compareAndSet(next, now + PROBE_EVERY_NANOS);
    }

    private void answered() {
        if (up.compareAndSet(false, true)) {
            LOG.warn("The shared quota store {} answers again: budgets and pauses are shared by all instances", where);
        }
    }

    private void failed(RuntimeException e) {
        nextProbeNanos.set(System.nanoTime() + PROBE_EVERY_NANOS);
        if (up.compareAndSet(true, false)) {
            LOG.warn("The shared quota store {} is not answering ({}): each provider's budget.whenSharedUnavailable applies until it does",
                    where, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
