package dev.integrator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The two load shapes: closed loop at a fixed concurrency, and open loop at a fixed offered rate. */
final class Load {

    private Load() {
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What one closed-loop run measured, over its measured window only. */
    record Closed(long calls, long errors, double seconds, long cpuNanos, long allocatedBytes, String firstError) {
        double perSecond() {
            return calls / seconds;
        }

        double cpuMicrosPerCall() {
            return calls == 0 ? Double.NaN : cpuNanos / 1000.0 / calls;
        }

        double bytesPerCall() {
            return calls == 0 ? Double.NaN : (double) allocatedBytes / calls;
        }
    }

    /**
     * {@code concurrency} threads call back to back for {@code warmMs} (not counted), then for {@code measureMs}.
     * CPU and allocation are read at the window's edges, so they include every thread of this JVM (HTTP client
     * threads, GC, JIT): the whole cost of a call in the calling process. Failures are counted, never retried.
     */
    static Closed closed(Scenario s, Payload p, int concurrency, long warmMs, long measureMs) throws InterruptedException {
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + warmMs * 1_000_000;
        long end = measureFrom + measureMs * 1_000_000;
        CountDownLatch done = new CountDownLatch(concurrency);
        // Callers stay alive until the window's end is read: a thread's allocation can only be read while it lives, and
        // a client that works on the caller's thread (HttpClient 5 classic, camel-http) allocates nowhere else.
        CountDownLatch read = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        boolean counted = now >= measureFrom;
                        try {
                            s.call(p);
                            if (counted && System.nanoTime() <= end) {
                                calls.increment();
                            }
                        } catch (Throwable e) {
                            if (counted) {
                                errors.increment();
                            }
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                } finally {
                    awaitQuietly(read);
                    done.countDown();
                }
            }, "load-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        sleepUntil(measureFrom);
        Meter a = Meter.now();
        long before = calls.sum();
        sleepUntil(end);
        Meter b = Meter.now();
        long counted = calls.sum() - before;
        read.countDown();
        done.await(30, TimeUnit.SECONDS);
        return new Closed(counted, errors.sum(), (b.nanos - a.nanos) / 1e9, b.cpuNanos - a.cpuNanos, b.allocatedSince(a), firstError.get());
    }

    /** What one open-loop run measured: latency from each call's intended start, in microseconds. */
    record Open(double offeredPerSecond, long sent, long completed, long errors, double achievedPerSecond, Histogram latencyMicros) {
        boolean kept() {
            return completed >= sent && achievedPerSecond >= 0.95 * offeredPerSecond;
        }

        /** Two windows of the same rate as one: counts and histograms added, the achieved rate weighted by calls. */
        Open plus(Open other) {
            Histogram h = latencyMicros.copy();
            h.add(other.latencyMicros);
            double achieved = (achievedPerSecond * sent + other.achievedPerSecond * other.sent) / Math.max(1, sent + other.sent);
            return new Open(offeredPerSecond, sent + other.sent, completed + other.completed, errors + other.errors, achieved, h);
        }
    }

    /**
     * Sends at a fixed rate whatever the answers do: call i is due at start + i/rate, and its latency is counted
     * from that due time, not from when a thread was free to send it, so a stall shows in the percentiles instead of
     * slowing the load (no coordinated omission). A pool of {@code threads} callers runs the calls; a call waiting
     * for a free caller is waiting, and that is counted too. The run is bounded: calls still open
     * {@code drainMs} after the last one is due are abandoned and the run is marked as not kept.
     */
    static Open open(Scenario s, Payload p, double perSecond, long warmMs, long measureMs, int threads, long drainMs)
            throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "open-loop");
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
        Recorder recorder = new Recorder(3);
        LongAdder completed = new LongAdder();
        LongAdder errors = new LongAdder();
        long period = (long) (1e9 / perSecond);
        long warmCalls = (long) (perSecond * warmMs / 1000);
        long total = warmCalls + (long) (perSecond * measureMs / 1000);
        long start = System.nanoTime() + 20_000_000;
        long measuredStart = start + warmCalls * period;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            sleepUntil(due);
            boolean measured = i >= warmCalls;
            if (i == warmCalls) {
                recorder.getIntervalHistogram();
            }
            pool.execute(() -> {
                try {
                    s.call(p);
                } catch (Throwable e) {
                    if (measured) {
                        errors.increment();
                    }
                } finally {
                    if (measured) {
                        recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                        completed.increment();
                    }
                }
            });
        }
        long lastDue = start + (total - 1) * period;
        pool.shutdown();
        pool.awaitTermination(Math.max(0, lastDue + drainMs * 1_000_000 - System.nanoTime()), TimeUnit.NANOSECONDS);
        long finished = System.nanoTime();
        pool.shutdownNow();
        long sent = total - warmCalls;
        double window = Math.max(finished, lastDue) - measuredStart;
        Histogram h = recorder.getIntervalHistogram();
        return new Open(perSecond, sent, completed.sum(), errors.sum(), completed.sum() / (window / 1e9), h);
    }

    static void sleepUntil(long nanoTime) {
        // Parks only: spinning would take CPU from the two cores the calls and the stub share.
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
