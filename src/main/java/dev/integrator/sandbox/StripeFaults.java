package dev.integrator.sandbox;

import java.util.concurrent.atomic.AtomicInteger;

/** The faults the Stripe stand-in has been asked for, each a count of the requests still to meet it. */
final class StripeFaults {

    final AtomicInteger lockTimeouts = new AtomicInteger();
    final AtomicInteger failAfterCreate = new AtomicInteger();
    final AtomicInteger slowAfterCreate = new AtomicInteger();
    final AtomicInteger slowBeforeCreate = new AtomicInteger();
    volatile long delayMs;

    /** Whether this request meets the fault, counting it down. */
    boolean take(AtomicInteger fault) {
        return fault.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
