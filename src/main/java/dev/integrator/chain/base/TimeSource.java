package dev.integrator.chain.base;

import java.time.Instant;

/**
 * The two clocks of the request budget. Refills, waits and pauses run on the monotonic one, so a step of the wall
 * clock (NTP, a resumed VM) neither refuses calls nor ends a pause early. The wall clock only reads a provider's
 * timestamps (a reset time, a Retry-After date), each turned at once into a wait from now. Tests step both.
 */
public interface TimeSource {

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };

    /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean something. */
    long nanoTime();

    /** The wall clock. */
    Instant now();
}
