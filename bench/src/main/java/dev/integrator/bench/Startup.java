package dev.integrator.bench;

import dev.integrator.github.IssuePage;
import dev.integrator.runtime.Integrator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a fresh JVM per measurement: starts the integrator on {@code home}, makes one call to the stub, then
 * reads the heap live set (heap used after full collections) and prints one line for the harness:
 * {@code STARTUP operations startMs jvmToReadyMs firstCallMs liveHeapBytes nonHeapBytes cpuMsAtReady startThreadCpuMs}. The CPU
 * time (all threads, JIT included) is steadier than the wall time on a shared machine; the CPU time of the thread that
 * ran {@code builder().start()} leaves out the JIT compiler's and the collector's threads, which run beside it.
 *
 * <p>Usage: {@code Startup <home> <baseUrl> <generated operation keys, comma separated or ->}; the generated contract
 * declares their DTO mapping as the issue contract it is copied from does, and the last one is called.
 */
public final class Startup {

    public static void main(String[] args) throws Exception {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        Path home = Path.of(args[0]);
        String baseUrl = args[1];
        List<String> keys = args[2].equals("-") ? List.of() : List.of(args[2].split(","));

        long t0 = System.nanoTime();
        long threadCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Integrator.Builder builder = Integrator.builder().home(home).env(Map.of("GITHUB_BASE_URL", baseUrl))
                .override("github", FullChain.json(FullChain.UNLIMITED));
        try (Integrator integrator = builder.start()) {
            long started = System.nanoTime();
            long startThreadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu0;
            long readyMs = System.currentTimeMillis() - jvmStartMs;
            long cpuAtReady = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            String operation = keys.isEmpty() ? "github.issues.list" : "github.bench." + keys.get(keys.size() - 1).substring("github.bench.v1.".length());
            integrator.request(operation, Map.of("owner", "o", "repo", Payload.KB1.repo), IssuePage.class);
            long firstCall = System.nanoTime();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            System.out.printf("STARTUP %d %d %d %d %d %d %d %d%n", integrator.operations().all().size(), (started - t0) / 1_000_000, readyMs,
                    (firstCall - started) / 1_000_000, memory.getHeapMemoryUsage().getUsed(), memory.getNonHeapMemoryUsage().getUsed(),
                    cpuAtReady / 1_000_000, startThreadCpu / 1_000_000);
        }
    }
}
