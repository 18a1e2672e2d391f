package dev.integrator.bench;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Runs every measurement of issue 6 in one go and writes bench/RESULTS.md. The scenarios run side by side in this
 * JVM against one stub in another, on the same payloads, interleaved round by round (the order rotates, so no
 * scenario always runs first or last); each cell reports the median of its rounds. Startup and JMH run in JVMs of
 * their own.
 *
 * <p>Usage (bench/run does this): {@code Harness [--quick]} with {@code -Dintegrator.home=<repository>}.
 */
public final class Harness {

    static final int[] CONCURRENCY = {1, 8, 32};
    static final double[] RATE_SHARES = {0.25, 0.50, 0.75};
    static final int OPEN_LOOP_THREADS = 64;
    static final double QUOTA_PER_SECOND = 50;
    static final int QUOTA_BURST = 10;
    static final int QUOTA_WORKERS = 8;
    static final int OPERATIONS = 100;

    /**
     * How long each part runs; --quick trades precision for a run of a few minutes. The warm-up per scenario is
     * long because the chain's code (Camel, networknt, the JDK HttpClient) keeps the JIT busy for about 20 s at
     * concurrency 8 on 2 cores: measured earlier, (d) pays for compilation that (a) finished long before.
     */
    record Config(boolean quick, long warmupMs, int rounds, long cellWarmMs, long cellMs, long stubCheckMs, long latencyWarmMs,
            long latencyMs, int linkRounds, long linkMs, long quotaWarmMs, long quotaMs, long profileSeconds, int startupRuns,
            List<String> jmh) {
        static Config of(boolean quick) {
            return quick
                    ? new Config(true, 9000, 1, 300, 1500, 2000, 1000, 3000, 1, 1500, 3000, 8000, 3, 1,
                            List.of("-wi", "5", "-w", "2s", "-i", "2", "-r", "1s", "-p", "payload=KB1"))
                    : new Config(false, 30000, 3, 500, 3000, 3000, 2000, 10000, 5, 2000, 3000, 20000, 8, 3,
                            List.of("-wi", "8", "-w", "2s", "-i", "5", "-r", "1s"));
        }
    }

    public static void main(String[] args) throws Throwable {
        Config config = Config.of(List.of(args).contains("--quick"));
        Path repo = Path.of(System.getProperty("integrator.home", ".")).toAbsolutePath().normalize();
        Path work = repo.resolve("bench/target/run");
        deleteTree(work);
        Files.createDirectories(work);
        String classpath = System.getProperty("java.class.path");
        Results r = new Results();
        r.config = config;
        r.command = System.getProperty("bench.command", "bench/run" + (config.quick ? " --quick" : ""));
        long t0 = System.nanoTime();

        Map<String, Contract> contracts = ContractLoader.loadAll(repo.resolve("contracts"), new ArrayList<>());
        JsonNode schema = contracts.get("github.issues.v2").operations().get("list").responseDocument();
        for (Payload p : Payload.values()) {
            HandWritten.parse(Json.MAPPER, HandWritten.compile(schema), p.body());
            r.payloadBytes.put(p, p.body().length);
        }

        try (StubProcess stub = new StubProcess(classpath, 8, QUOTA_PER_SECOND, QUOTA_BURST, 3600)) {
            if (List.of(args).contains("--transport")) {
                transportOnly(config, stub, r);
                return;
            }
            if (List.of(args).contains("--quota")) {
                Quota.Result q = Quota.run(stub, repo, QUOTA_PER_SECOND, QUOTA_BURST, QUOTA_WORKERS, config.quotaWarmMs, config.quotaMs);
                log(String.format("quota: %.1f calls/s of R = %.0f, %d 429s sent, %d errors to callers", q.okPerSecond(), QUOTA_PER_SECOND,
                        q.stub429(), q.callerErrors()));
                return;
            }
            FullChain chain = new FullChain("(d) integrator chain", repo, stub.baseUrl);
            HandWritten handWritten = new HandWritten(stub.baseUrl, schema);
            List<Scenario> scenarios = List.of(new RawClient(stub.baseUrl), handWritten, HandWritten.onChainClient(stub.baseUrl, schema),
                    new PlainCamel(stub.baseUrl), chain);
            r.scenarios = scenarios.stream().map(Scenario::name).toList();
            log("warming up every scenario on every payload");
            for (Scenario s : scenarios) {
                for (Payload p : Payload.values()) {
                    check(Load.closed(s, p, 8, 0, config.warmupMs / Payload.values().length), s.name());
                }
            }
            r.parsesPerCall = parsesPerCall(chain);
            throughput(config, stub, scenarios, r);
            stubCheck(config, stub, r);
            latency(config, scenarios, r);
            links(config, repo, stub, r);
            transport(config, stub, scenarios.get(0), r);
            log("quota efficiency: R = " + QUOTA_PER_SECOND + "/s, offered 2R in a closed loop");
            r.quota = Quota.run(stub, repo, QUOTA_PER_SECOND, QUOTA_BURST, QUOTA_WORKERS, config.quotaWarmMs, config.quotaMs);
            log("profiling (b) and (d) with JFR");
            r.profiles.add(Profile.record(handWritten, Payload.KB1, 8, config.profileSeconds, work.resolve("b.jfr")));
            r.profiles.add(Profile.record(chain, Payload.KB1, 8, config.profileSeconds, work.resolve("d.jfr")));
            for (Scenario s : scenarios) {
                s.close();
            }
            startup(config, repo, work, classpath, stub, r);
        }
        jmh(config, repo, work, classpath, r);
        r.minutes = (System.nanoTime() - t0) / 60e9;
        Path out = repo.resolve("bench/RESULTS.md");
        Report.write(out, r);
        log("wrote " + out + " in " + String.format("%.1f", r.minutes) + " min");
    }

    /** Closed loop: every payload, every concurrency, rounds interleaved across the scenarios. */
    private static void throughput(Config config, StubProcess stub, List<Scenario> scenarios, Results r) throws Exception {
        for (Payload p : Payload.values()) {
            for (int c : CONCURRENCY) {
                for (int round = 0; round < config.rounds; round++) {
                    for (int i = 0; i < scenarios.size(); i++) {
                        Scenario s = scenarios.get((i + round) % scenarios.size());
                        StubProcess.Stats before = stub.stats();
                        Load.Closed result = check(Load.closed(s, p, c, config.cellWarmMs, config.cellMs), s.name());
                        StubProcess.Stats after = stub.stats();
                        double stubCores = (after.cpuNanos() - before.cpuNanos()) / 1e9 / ((config.cellWarmMs + config.cellMs) / 1000.0);
                        r.cells.computeIfAbsent(new Cell(p, c, s.name()), k -> new ArrayList<>()).add(new Run(result, stubCores));
                    }
                }
                log(String.format("throughput %s c=%d: %s", p.label(), c, scenarios.stream()
                        .map(s -> String.format("%s %.0f/s", s.name().substring(0, 3), r.median(p, c, s.name(), Load.Closed::perSecond)))
                        .reduce((a, b) -> a + ", " + b).orElse("")));
            }
        }
    }

    /**
     * The stub alone, driven by raw sockets, against (a)'s best throughput on the same payload. The raw client
     * shares the 2 cores, so its rate is a lower bound; the stub's capacity on its own is the machine's cores
     * divided by the stub's CPU time per request, read from the stub during the same runs.
     */
    private static void stubCheck(Config config, StubProcess stub, Results r) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        for (Payload p : Payload.values()) {
            double best = 0;
            double bestCapacity = 0;
            for (int c : new int[] {8, 32}) {
                StubProcess.Stats before = stub.stats();
                double rate = RawSocketLoad.run(stub.port, p, c, 500, config.stubCheckMs);
                StubProcess.Stats after = stub.stats();
                double cpuPerRequest = (after.cpuNanos() - before.cpuNanos()) / (double) (after.served() - before.served());
                best = Math.max(best, rate);
                bestCapacity = Math.max(bestCapacity, cores * 1e9 / cpuPerRequest);
            }
            r.stubPeak.put(p, best);
            r.stubCapacity.put(p, bestCapacity);
            double peak = r.peak(p, r.scenarios.get(0));
            log(String.format("stub alone %s: %.0f/s (%.1fx (a)'s peak); capacity on %d cores %.0f/s (%.1fx)", p.label(), best, best / peak,
                    cores, bestCapacity, bestCapacity / peak));
        }
    }

    /**
     * {@code --transport}: the HTTP link's table alone, a few minutes, written to the log only; to measure a change
     * of the link or a candidate client before a full run.
     */
    private static void transportOnly(Config config, StubProcess stub, Results r) throws Exception {
        RawClient a = new RawClient(stub.baseUrl);
        check(Load.closed(a, Payload.KB1, 8, 0, config.warmupMs / 2), a.name());
        transport(config, stub, a, r);
    }

    /**
     * Our HTTP link alone, the JDK HttpClient with a same-thread executor and Apache HttpClient 5 classic, beside (a):
     * 1 KB, concurrency 8.
     */
    private static void transport(Config config, StubProcess stub, Scenario a, Results r) throws Exception {
        List<Scenario> list = List.of(a, RawClient.sameThreadExecutor(stub.baseUrl), new ApacheClient(stub.baseUrl),
                new UpstreamOnly(stub.baseUrl));
        for (Scenario s : list.subList(1, list.size())) {
            check(Load.closed(s, Payload.KB1, 8, 0, config.warmupMs / 2), s.name());
        }
        for (int round = 0; round < config.rounds; round++) {
            for (int i = 0; i < list.size(); i++) {
                Scenario s = list.get((i + round) % list.size());
                r.transport.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(check(Load.closed(s, Payload.KB1, 8, config.cellWarmMs, config.cellMs), s.name()));
            }
        }
        for (String name : r.transport.keySet()) {
            log(String.format("transport %-45s %8.0f/s %7.1f us CPU/call", name, r.transportMedian(name, Load.Closed::perSecond),
                    r.transportMedian(name, Load.Closed::cpuMicrosPerCall)));
        }
    }

    /**
     * Open loop at fixed shares of (c)'s peak on 1 KB (issue 16 judges (d) against plain Camel there), every scenario
     * at every rate. Each cell's window is cut in
     * rounds whose order rotates, and their histograms are added, so a burst of outside load lands on every
     * scenario alike rather than on one.
     */
    private static void latency(Config config, List<Scenario> scenarios, Results r) throws Exception {
        double peak = r.peak(Payload.KB1, r.plainCamel());
        int rounds = config.quick ? 1 : 2;
        for (int k = 0; k < RATE_SHARES.length; k++) {
            double rate = Math.floor(peak * RATE_SHARES[k]);
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < scenarios.size(); i++) {
                    Scenario s = scenarios.get((i + k + round) % scenarios.size());
                    Load.Open part = Load.open(s, Payload.KB1, rate, config.latencyWarmMs, config.latencyMs / rounds, OPEN_LOOP_THREADS, 10_000);
                    r.latency.merge(RATE_SHARES[k] + "|" + s.name(), part, Load.Open::plus);
                }
            }
            for (Scenario s : scenarios) {
                Load.Open open = r.latency.get(RATE_SHARES[k] + "|" + s.name());
                log(String.format("latency at %.0f/s %s: p50 %d us, p99 %d us, p99.9 %d us%s", rate, s.name(),
                        open.latencyMicros().getValueAtPercentile(50), open.latencyMicros().getValueAtPercentile(99),
                        open.latencyMicros().getValueAtPercentile(99.9), open.kept() ? "" : " (did not keep up)"));
            }
        }
    }

    /** The chain with one link at a time (see Homes.linkVariants), 1 KB at concurrency 8. */
    private static void links(Config config, Path repo, StubProcess stub, Results r) throws Exception {
        Map<String, FullChain> variants = new LinkedHashMap<>();
        for (var v : Homes.linkVariants().entrySet()) {
            variants.put(v.getKey(), new FullChain(v.getKey(), repo, v.getValue(), stub.baseUrl));
        }
        try {
            List<FullChain> list = new ArrayList<>(variants.values());
            for (FullChain v : list) {
                check(Load.closed(v, Payload.KB1, 8, 0, Math.min(3000, config.warmupMs / 3)), v.name());
            }
            for (int round = 0; round < config.linkRounds; round++) {
                for (int i = 0; i < list.size(); i++) {
                    FullChain v = list.get((i + round) % list.size());
                    r.links.computeIfAbsent(v.name(), k -> new ArrayList<>())
                            .add(check(Load.closed(v, Payload.KB1, 8, config.cellWarmMs, config.linkMs), v.name()));
                }
            }
            for (String name : variants.keySet()) {
                log(String.format("link variant %-30s %8.0f/s %7.1f us CPU/call", name, r.linkMedian(name, Load.Closed::perSecond),
                        r.linkMedian(name, Load.Closed::cpuMicrosPerCall)));
            }
        } finally {
            for (FullChain v : variants.values()) {
                v.close();
            }
        }
    }

    /** Startup and heap live set in fresh JVMs: the repository's routes, and the same with 100 operations. */
    private static void startup(Config config, Path repo, Path work, String classpath, StubProcess stub, Results r) throws Exception {
        Path asIs = Homes.copy(repo, work.resolve("startup/repository"));
        Path hundredHome = work.resolve("startup/" + OPERATIONS);
        List<String> keys = Homes.withOperations(repo, hundredHome, 6, OPERATIONS);
        for (int i = 0; i < config.startupRuns; i++) {
            r.startups.computeIfAbsent("repository", k -> new ArrayList<>()).add(startupRun(classpath, asIs, stub, "-"));
            r.startups.computeIfAbsent(String.valueOf(OPERATIONS), k -> new ArrayList<>())
                    .add(startupRun(classpath, hundredHome, stub, String.join(",", keys)));
        }
        r.startups.forEach((k, v) -> log("startup " + k + ": " + v.stream().map(java.util.Arrays::toString).toList()));
    }

    private static long[] startupRun(String classpath, Path home, StubProcess stub, String keys) throws Exception {
        Process p = new ProcessBuilder(java(), "-cp", classpath, Startup.class.getName(), home.toString(), stub.baseUrl, keys)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        long[] values = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("STARTUP ")) {
                    values = Stream.of(line.substring(8).trim().split(" ")).mapToLong(Long::parseLong).toArray();
                }
            }
        }
        if (p.waitFor() != 0 || values == null) {
            throw new IllegalStateException("startup run failed on " + home);
        }
        return values;
    }

    /** JMH in its own JVMs, with the GC profiler for bytes per operation. */
    private static void jmh(Config config, Path repo, Path work, String classpath, Results r) throws Exception {
        log("JMH (in-process part, no sockets), -prof gc");
        Path json = work.resolve("jmh.json");
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath, "org.openjdk.jmh.Main",
                "dev.integrator.chain.*Benchmark", "-prof", "gc", "-f", "1", "-rf", "json", "-rff", json.toString(),
                "-jvmArgs", "-Xms1g -Xmx1g -Dintegrator.home=" + repo));
        command.addAll(config.jmh);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("jmh.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("JMH failed: see " + work.resolve("jmh.log"));
        }
        for (JsonNode b : Json.MAPPER.readTree(json.toFile())) {
            String name = b.path("benchmark").asText().replaceAll(".*\\.", "");
            String payload = b.path("params").path("payload").asText("");
            double alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
            r.jmh.add(new JmhRow(name, payload, b.path("primaryMetric").path("score").asDouble(),
                    b.path("primaryMetric").path("scoreError").asDouble(), alloc));
        }
    }

    /** How many times Json.MAPPER starts parsing a document per call of (d). */
    private static Map<Payload, Double> parsesPerCall(FullChain chain) throws Throwable {
        LongAdder parses = new LongAdder();
        Json.MAPPER.getFactory().setInputDecorator(new InputDecorator() {
            @Override
            public InputStream decorate(IOContext ctxt, InputStream in) {
                parses.increment();
                return null;
            }

            @Override
            public InputStream decorate(IOContext ctxt, byte[] src, int offset, int length) {
                parses.increment();
                return null;
            }

            @Override
            public Reader decorate(IOContext ctxt, Reader r) {
                parses.increment();
                return null;
            }
        });
        Map<Payload, Double> result = new LinkedHashMap<>();
        try {
            for (Payload p : Payload.values()) {
                parses.reset();
                int calls = 200;
                for (int i = 0; i < calls; i++) {
                    chain.call(p);
                }
                result.put(p, parses.sum() / (double) calls);
            }
        } finally {
            Json.MAPPER.getFactory().setInputDecorator(null);
        }
        log("parses per call of (d): " + result);
        return result;
    }

    /** Failed calls are reported; more than 1 in 1000 means the run measures failures, and it stops. */
    private static Load.Closed check(Load.Closed result, String name) {
        if (result.errors() > 0) {
            log(name + ": " + result.errors() + " failed call(s), first: " + result.firstError());
            FAILED.add(result.errors());
            if (result.errors() > Math.max(1, result.calls() / 1000)) {
                throw new IllegalStateException(name + ": " + result.errors() + " of " + (result.calls() + result.errors())
                        + " calls failed, first: " + result.firstError());
            }
        }
        return result;
    }

    static final LongAdder FAILED = new LongAdder();

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    record Cell(Payload payload, int concurrency, String scenario) {
    }

    record Run(Load.Closed result, double stubCores) {
    }

    record JmhRow(String benchmark, String payload, double microsPerOp, double error, double bytesPerOp) {
    }

    /** Everything the report needs. */
    static final class Results {
        Config config;
        String command;
        double minutes;
        List<String> scenarios;
        final Map<Payload, Integer> payloadBytes = new LinkedHashMap<>();
        final Map<Cell, List<Run>> cells = new LinkedHashMap<>();
        final Map<Payload, Double> stubPeak = new LinkedHashMap<>();
        final Map<Payload, Double> stubCapacity = new LinkedHashMap<>();
        final Map<String, List<Load.Closed>> transport = new LinkedHashMap<>();
        final Map<String, Load.Open> latency = new LinkedHashMap<>();
        final Map<String, List<Load.Closed>> links = new LinkedHashMap<>();
        final Map<String, List<long[]>> startups = new LinkedHashMap<>();
        final List<Profile.Summary> profiles = new ArrayList<>();
        final List<JmhRow> jmh = new ArrayList<>();
        Map<Payload, Double> parsesPerCall;
        Quota.Result quota;

        double median(Payload p, int c, String scenario, java.util.function.ToDoubleFunction<Load.Closed> metric) {
            return median(cells.get(new Cell(p, c, scenario)).stream().mapToDouble(run -> metric.applyAsDouble(run.result())).toArray());
        }

        double stubCores(Payload p, int c, String scenario) {
            return median(cells.get(new Cell(p, c, scenario)).stream().mapToDouble(Run::stubCores).toArray());
        }

        String scenario(String prefix) {
            return scenarios.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow();
        }

        String plainCamel() {
            return scenario("(c)");
        }

        double peak(Payload p, String scenario) {
            double best = 0;
            for (int c : CONCURRENCY) {
                best = Math.max(best, median(p, c, scenario, Load.Closed::perSecond));
            }
            return best;
        }

        double linkMedian(String variant, java.util.function.ToDoubleFunction<Load.Closed> metric) {
            return median(links.get(variant).stream().mapToDouble(metric).toArray());
        }

        double transportMedian(String name, java.util.function.ToDoubleFunction<Load.Closed> metric) {
            return median(transport.get(name).stream().mapToDouble(metric).toArray());
        }

        long startupMedian(String home, int field) {
            return (long) median(startups.get(home).stream().mapToDouble(v -> v[field]).toArray());
        }

        static double median(double[] values) {
            double[] v = values.clone();
            java.util.Arrays.sort(v);
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }
}
