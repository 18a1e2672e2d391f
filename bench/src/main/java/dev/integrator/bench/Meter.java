package dev.integrator.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/** This JVM's CPU time and the bytes its threads allocated, read at two points to give the cost of what ran between. */
final class Meter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final long nanos;
    final long cpuNanos;
    private final Map<Long, Long> allocated;

    private Meter(long nanos, long cpuNanos, Map<Long, Long> allocated) {
        this.nanos = nanos;
        this.cpuNanos = cpuNanos;
        this.allocated = allocated;
    }

    static Meter now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> allocated = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                allocated.put(ids[i], bytes[i]);
            }
        }
        return new Meter(System.nanoTime(), OS.getProcessCpuTime(), allocated);
    }

    /** Bytes allocated since {@code start} by threads alive now (a thread that ended in between is not counted). */
    long allocatedSince(Meter start) {
        long sum = 0;
        for (var e : allocated.entrySet()) {
            sum += e.getValue() - start.allocated.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
