package dev.integrator.sandbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The faults the Stripe stand-in has been asked for, each a count of the requests still to meet it. */
final class StripeFaults {

    final AtomicInteger lockTimeouts = new AtomicInteger();
    final AtomicInteger failAfterCreate = new AtomicInteger();
    final AtomicInteger slowAfterCreate = new AtomicInteger();
    final AtomicInteger holdBeforeCreate = new AtomicInteger();
    volatile long delayMs;
    private volatile CountDownLatch held = new CountDownLatch(0);

    /** The next write waits in {@link #hold()} until {@link #release()}, its idempotency key in use all that time. */
    void holdNext() {
        held = new CountDownLatch(1);
        holdBeforeCreate.set(1);
    }

    void release() {
        held.countDown();
    }

    /** Waits while a write is held; at most a minute, so that a forgotten release cannot hang the stand-in. */
    void hold() {
        try {
            held.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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
