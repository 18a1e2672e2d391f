package dev.integrator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Writes {@code bench/RESULTS-quota.md} from what {@link SharedQuota} measured. */
final class SharedQuotaReport {

    private final SharedQuota.Config config;
    private final List<SharedQuota.Row> rows;
    private final List<SharedQuota.Cost> costs;
    private final boolean redis;
    private final String load;
    private final StringBuilder md = new StringBuilder();

    SharedQuotaReport(SharedQuota.Config config, List<SharedQuota.Row> rows, List<SharedQuota.Cost> costs, boolean redis, String load) {
        this.config = config;
        this.rows = rows;
        this.costs = costs;
        this.redis = redis;
        this.load = load;
    }

    void write(Path file) throws IOException {
        line("# Quota shared by several instances");
        line("");
        line(String.format("Written by `bench/run-quota%s` on %s, commit %s; %d cores, Java %s; load average %s. Numbers move with"
                + " the load on the machine: compare rows of one run.", config.quick() ? " --quick" : "", System.getProperty("bench.date", "?"),
                System.getProperty("bench.commit", "?"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load));
        line("");
        quota();
        cost();
        if (!redis) {
            line("redis-server could not be started here, so the rows with a budget in Redis and the cost comparison are left out.");
            line("");
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + file);
    }

    private void quota() {
        line("## Quota efficiency with one and three instances");
        line("");
        line(String.format("The stub allows R = %.0f requests/s per token (token bucket, burst %d; beyond it 429 with Retry-After). Each"
                + " instance is an integrator with its own Camel context and quota store, its GitHub budget set to R with a burst of %d (a smaller burst than the stub's leaves room for the time between taking a token and the request reaching the stub):"
                + " each its own (local), or one budget every instance draws from in the benchmark's redis-server"
                + " (INTEGRATOR_REDIS_URL). %d callers, spread evenly over the instances, offer 3R = %.0f calls/s in a closed loop"
                + " (each waits for its answer, then for its next slot) for %d s after %d s of warm-up; a fresh token per row.",
                SharedQuota.R, SharedQuota.BURST, SharedQuota.BUDGET_BURST, SharedQuota.WORKERS, SharedQuota.OFFERED, config.quotaMs() / 1000,
                config.quotaWarmMs() / 1000));
        line("");
        line("| instances | budget | R /s | offered /s | successful /s | efficiency (% of R) | 429s seen by the stub | errors to callers |");
        line("|---|---|---|---|---|---|---|---|");
        for (SharedQuota.Row row : rows) {
            Quota.Result q = row.result();
            line(String.format("| %d | %s | %.0f | %.0f | %.1f | %.1f%% | %d | %d %s |", row.instances(), row.budget(), q.quotaPerSecond(),
                    q.offeredPerSecond(), q.okPerSecond(), 100 * q.efficiency(), q.stub429(), q.callerErrors(),
                    q.errorsByCode().isEmpty() ? "" : q.errorsByCode().toString()));
        }
        line("");
    }

    private void cost() {
        if (costs.size() < 2) {
            return;
        }
        SharedQuota.Cost local = costs.get(0);
        SharedQuota.Cost shared = costs.get(1);
        line("## What a budget in Redis costs per call");
        line("");
        line(String.format("The full chain (`github.issues.list`, 1 KB) with its budget far above the load, so no call waits: the budget"
                + " in this instance's memory, or in Redis (one round trip to reserve a token). %d callers in a closed loop; each way"
                + " warmed for %d s, then %d round(s) of %d s whose order alternates; medians shown. CPU is this JVM's per call"
                + " (callers, chain, HTTP and Redis clients, GC, JIT); redis-server's own CPU per call is shown apart.",
                SharedQuota.COST_CONCURRENCY, config.costWarmMs() / 1000, config.rounds(), config.costMs() / 1000));
        line("");
        line("| budget | calls/s | CPU us/call | redis-server CPU us/call | errors |");
        line("|---|---|---|---|---|");
        for (SharedQuota.Cost c : costs) {
            line(String.format("| %s | %.0f | %.1f | %s | %d |", c.name(), median(c, Load.Closed::perSecond), median(c, Load.Closed::cpuMicrosPerCall),
                    c == local ? "-" : String.format("%.1f", middle(c.redisCpuMicrosPerCall())),
                    c.rounds().stream().mapToLong(Load.Closed::errors).sum()));
        }
        line("");
        line(String.format("Redis against local: throughput x %.2f, CPU per call x %.2f in this JVM (x %.2f counting redis-server's).",
                median(shared, Load.Closed::perSecond) / median(local, Load.Closed::perSecond),
                median(shared, Load.Closed::cpuMicrosPerCall) / median(local, Load.Closed::cpuMicrosPerCall),
                (median(shared, Load.Closed::cpuMicrosPerCall) + middle(shared.redisCpuMicrosPerCall())) / median(local, Load.Closed::cpuMicrosPerCall)));
        line("");
    }

    private static double median(SharedQuota.Cost c, ToDoubleFunction<Load.Closed> f) {
        return middle(c.rounds().stream().map(f::applyAsDouble).toList());
    }

    private static double middle(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
