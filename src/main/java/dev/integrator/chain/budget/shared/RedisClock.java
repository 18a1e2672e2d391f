package dev.integrator.chain.budget.shared;

import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The clock of the shared buckets: Redis's clock, read through this instance's monotonic one. bucket4j refills a
 * bucket kept in Redis by the clock of whichever instance touches it, by default that instance's wall clock, so
 * instances whose clocks disagree by d would see d x rate tokens appear or vanish, and a wall clock stepped by NTP
 * would do the same. Instead every instance reads Redis's {@code TIME} (at first use and once a minute after), keeps
 * the offset to its own {@link System#nanoTime}, and counts from that: the instances agree to within half a round
 * trip to Redis, need no NTP among themselves, and the clock never runs backwards within an instance.
 */
final class RedisClock implements TimeMeter {

    static final long RESYNC_EVERY_NANOS = 60_000_000_000L;

    /** Redis's TIME: seconds and microseconds. */
    private final Supplier<List<byte[]>> time;
    private volatile boolean synced;
    private volatile long offsetNanos;
    private volatile long syncedAtNanos;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    RedisClock(Supplier<List<byte[]>> time) {
        this.time = time;
    }

    @Override
    public long currentTimeNanos() {
        long now = System.nanoTime();
        if (!synced || now - syncedAtNanos > RESYNC_EVERY_NANOS) {
            sync();
        }
        long reading = System.nanoTime() + offsetNanos;
        return last.accumulateAndGet(reading, Math::max);
    }

    /** Reads Redis's clock; a failure before the first reading is the caller's, a later one keeps the last offset. */
    private synchronized void sync() {
        long before = System.nanoTime();
        if (synced && before - syncedAtNanos <= RESYNC_EVERY_NANOS) {
            return;
        }
        try {
            List<byte[]> answer = time.get();
            long after = System.nanoTime();
            long redisNanos = Long.parseLong(text(answer.get(0))) * 1_000_000_000L + Long.parseLong(text(answer.get(1))) * 1_000L;
            offsetNanos = redisNanos - (before + (after - before) / 2);
            synced = true;
        } catch (RuntimeException e) {
            if (!synced) {
                throw e;
            }
        } finally {
            syncedAtNanos = before;
        }
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean isWallClockBased() {
        // Redis's wall clock, epoch-based, as the buckets' stored timestamps must be for every instance.
        return true;
    }
}
