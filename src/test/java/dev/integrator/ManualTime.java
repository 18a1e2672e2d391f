package dev.integrator;

import dev.integrator.chain.base.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** Clocks a test steps by hand: the monotonic one only moves forward, the wall clock can also jump back. */
public final class ManualTime implements TimeSource {

    private long nanos = 1_000_000_000L;
    private Instant wall;

    public ManualTime(Instant wall) {
        this.wall = wall;
    }

    /** Time passes: both clocks move forward together. */
    public synchronized void advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
    }

    /** The wall clock is set, as NTP or an operator would; the monotonic clock does not move. */
    public synchronized void setWall(Instant to) {
        wall = to;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return wall;
    }
}
