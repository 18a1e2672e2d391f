package dev.integrator.bench;

import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run-quota}: the quota scenario ({@link Quota}) with one and three instances, their budgets each their
 * own or one kept in Redis, and what a Redis-kept budget costs per call beside the local one; writes
 * {@code bench/RESULTS-quota.md} ({@link SharedQuotaReport}). The instances are integrators in this JVM, each with
 * its own Camel context and quota store, as separate {@code integrator run} processes would have; the stub runs in a
 * JVM of its own, redis-server is the benchmark's own on a free port. Not part of {@code mvn -B verify}.
 */
public final class SharedQuota {

    static final double R = Harness.QUOTA_PER_SECOND;
    static final int BURST = Harness.QUOTA_BURST;
    /**
     * The instances' budget keeps a smaller burst than the stub's: the time between taking a token and the request
     * reaching the stub varies by tens of milliseconds on a busy machine, and with equal bursts that variation alone
     * earns a 429 now and then, whose pause then costs more than the quota sharing being measured.
     */
    static final int BUDGET_BURST = 2;
    /** Callers offer three times the quota: what three instances, each sized for the whole quota, would send. */
    static final double OFFERED = 3 * R;
    static final int WORKERS = 12;
    static final int COST_CONCURRENCY = 8;

    /** One row of the quota table. */
    record Row(int instances, String budget, Quota.Result result) {
    }

    /** One way of keeping the budget, measured round by round; Redis's own CPU per call where it takes part. */
    record Cost(String name, List<Load.Closed> rounds, List<Double> redisCpuMicrosPerCall) {
    }

    record Config(boolean quick, long quotaWarmMs, long quotaMs, long costWarmMs, long costMs, int rounds) {
        static Config of(boolean quick) {
            return quick ? new Config(true, 3000, 8000, 5000, 4000, 1) : new Config(false, 5000, 20000, 20000, 10000, 3);
        }
    }

    private SharedQuota() {
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.of(List.of(args).contains("--quick"));
        Path repo = Path.of(System.getProperty("integrator.home"));
        List<Row> rows = new ArrayList<>();
        List<Cost> costs = new ArrayList<>();
        String loadBefore = loadAverage();
        try (StubProcess stub = new StubProcess(System.getProperty("java.class.path"), 8, R, BURST, 3600)) {
            RedisServer redis = RedisServer.startOrNull();
            try {
                rows.add(quota(stub, repo, config, 1, null));
                rows.add(quota(stub, repo, config, 3, null));
                if (redis != null) {
                    rows.add(quota(stub, repo, config, 1, redis));
                    rows.add(quota(stub, repo, config, 3, redis));
                    costs.addAll(cost(stub, repo, config, redis));
                }
            } finally {
                if (redis != null) {
                    redis.close();
                }
            }
            new SharedQuotaReport(config, rows, costs, redis != null, loadBefore + " at the start, " + loadAverage() + " at the end").write(repo.resolve("bench/RESULTS-quota.md"));
        }
    }

    /** {@code instances} integrators on one token (a fresh stub bucket per row), with local budgets or one in Redis. */
    private static Row quota(StubProcess stub, Path repo, Config config, int instances, RedisServer redis) throws Exception {
        String row = instances + (redis == null ? "-local" : "-redis");
        Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", "bench-quota-" + row));
        if (redis != null) {
            env.put("INTEGRATOR_REDIS_URL", redis.url());
            env.put("INTEGRATOR_REDIS_PREFIX", "bench-quota-" + row);
        }
        List<FullChain> chains = new ArrayList<>();
        try {
            List<Integrator> integrators = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                FullChain chain = new FullChain("quota " + row + " " + i, repo, stub.baseUrl, Quota.settings(R, BUDGET_BURST), env);
                chains.add(chain);
                integrators.add(chain.integrator());
            }
            Quota.Result result = Quota.run(stub, integrators, R, OFFERED, WORKERS, config.quotaWarmMs(), config.quotaMs());
            System.err.printf("quota %s: %.1f ok/s (%.1f%% of R), stub 429s %d, errors to callers %s%n", row, result.okPerSecond(),
                    100 * result.efficiency(), result.stub429(), result.errorsByCode());
            return new Row(instances, redis == null ? (instances == 1 ? "local" : "local, one each") : "shared in Redis", result);
        } finally {
            chains.forEach(FullChain::close);
        }
    }

    /**
     * The full chain with its budget far above the load (nothing waits), the budget local or in Redis, side by side:
     * warmed, then measured in rounds whose order alternates.
     */
    private static List<Cost> cost(StubProcess stub, Path repo, Config config, RedisServer redis) throws Exception {
        try (FullChain local = new FullChain("local budget", repo, stub.baseUrl);
                FullChain shared = new FullChain("budget in Redis", repo, stub.baseUrl, FullChain.UNLIMITED,
                        Map.of("INTEGRATOR_REDIS_URL", redis.url(), "INTEGRATOR_REDIS_PREFIX", "bench-cost"))) {
            List<FullChain> ways = List.of(local, shared);
            Map<FullChain, Cost> costs = new HashMap<>();
            for (FullChain way : ways) {
                Load.closed(way, Payload.KB1, COST_CONCURRENCY, 0, config.costWarmMs());
                costs.put(way, new Cost(way.name(), new ArrayList<>(), new ArrayList<>()));
            }
            for (int round = 0; round < config.rounds(); round++) {
                for (int i = 0; i < ways.size(); i++) {
                    FullChain way = ways.get((i + round) % ways.size());
                    double redisBefore = redis.cpuSeconds();
                    Load.Closed c = Load.closed(way, Payload.KB1, COST_CONCURRENCY, 0, config.costMs());
                    double redisMicros = (redis.cpuSeconds() - redisBefore) * 1e6 / Math.max(1, c.calls());
                    costs.get(way).rounds().add(c);
                    costs.get(way).redisCpuMicrosPerCall().add(redisMicros);
                    System.err.printf("cost round %d %-16s %7.0f calls/s %7.1f us CPU/call, redis %5.1f us/call, errors %d%s%n", round + 1,
                            way.name(), c.perSecond(), c.cpuMicrosPerCall(), redisMicros, c.errors(),
                            c.firstError() == null ? "" : " (" + c.firstError() + ")");
                }
            }
            return List.of(costs.get(local), costs.get(shared));
        }
    }

    /** The machine's load average over the last minute, which says how far apart two runs' numbers may be. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
