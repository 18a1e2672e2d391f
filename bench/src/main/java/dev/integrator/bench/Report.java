package dev.integrator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** Writes bench/RESULTS.md from one run; the Findings section of the previous file is kept as it was. */
final class Report {

    static final String FINDINGS_START = "<!-- findings: written by hand, kept by bench/run -->";
    static final String FINDINGS_END = "<!-- /findings -->";

    private final StringBuilder out = new StringBuilder();
    private final Harness.Results r;
    private final String a;
    private final String b;
    private final String b2;
    private final String c;
    private final String d;

    private Report(Harness.Results r) {
        this.r = r;
        this.a = r.scenario("(a)");
        this.b = r.scenario("(b)");
        this.b2 = r.scenario("(b')");
        this.c = r.plainCamel();
        this.d = r.scenario("(d)");
    }

    static void write(Path file, Harness.Results r) throws IOException {
        String findings = FINDINGS_START + "\n_No findings recorded yet._\n" + FINDINGS_END;
        if (Files.exists(file)) {
            String old = Files.readString(file);
            int s = old.indexOf(FINDINGS_START);
            int e = old.indexOf(FINDINGS_END);
            if (s >= 0 && e > s) {
                findings = old.substring(s, e + FINDINGS_END.length());
            }
        }
        Report report = new Report(r);
        report.render(findings);
        Files.writeString(file, report.out);
    }

    private void render(String findings) {
        line("# Benchmark results (issues 6 and 16)");
        line("");
        line("Written by `" + r.command + "`; every number below is from that one run. Only the Findings section is written by hand.");
        line("Method and scenarios: [README.md](README.md). Quote the ratios, not the absolute numbers: the machine is shared.");
        line("");
        line("| | |");
        line("|---|---|");
        line("| date | " + System.getProperty("bench.date", java.time.ZonedDateTime.now().toString()) + " |");
        line("| command | `" + r.command + "` (" + String.format("%.1f", r.minutes) + " min" + (r.config.quick() ? ", quick mode: one short round per cell" : "") + ") |");
        line("| commit | " + System.getProperty("bench.commit", "?") + " |");
        line("| machine | " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " + memory() + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " |");
        line("| Java | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; harness JVM flags `"
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(x -> x.startsWith("-X")).toList()) + "` |");
        line("| failed calls | " + Harness.FAILED.sum() + " in the closed-loop runs; open-loop failures are in the latency table |");
        line("| payloads | " + String.join(", ", r.payloadBytes.entrySet().stream()
                .map(e -> e.getKey().label() + " = " + e.getValue() + " bytes, " + e.getKey().items + " issues").toList()) + " |");
        line("");
        goals();
        line("## Findings");
        line("");
        line(findings);
        line("");
        throughput();
        latency();
        stub();
        links();
        transport();
        startup();
        quota();
        jmh();
        profiles();
    }

    /** The goals of issue 16: (d) against (b), (b') and (c) in the same rounds, startup and heap, and the checks of issue 6. */
    private void goals() {
        String hundred = String.valueOf(Harness.OPERATIONS);
        long ready = r.startupMedian(hundred, 2);
        long start = r.startupMedian(hundred, 1);
        double live = r.startupMedian(hundred, 4) / 1048576.0;
        double parses = r.parsesPerCall.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double stubRatio = r.stubCapacity.get(Payload.KB1) / r.peak(Payload.KB1, a);
        double stubMeasured = r.stubPeak.get(Payload.KB1) / r.peak(Payload.KB1, a);
        line("## Goals");
        line("");
        line("| goal | target | measured | met |");
        line("|---|---|---|---|");
        for (String base : List.of(b, b2)) {
            String x = base.substring(0, base.indexOf(')') + 1);
            for (int n : new int[] {8, 32}) {
                ratioGoal("(d)/" + x + " throughput, 1 KB, concurrency " + n, Payload.KB1, n, base, Load.Closed::perSecond, "calls/s", 1.0, true);
                ratioGoal("(d)/" + x + " CPU time per call, 1 KB, concurrency " + n, Payload.KB1, n, base, Load.Closed::cpuMicrosPerCall, "us", 1.0, false);
            }
            for (Payload p : List.of(Payload.KB5, Payload.KB50)) {
                for (int n : new int[] {8, 32}) {
                    ratioGoal("(d)/" + x + " throughput, " + p.label() + ", concurrency " + n, p, n, base, Load.Closed::perSecond, "calls/s", 0.9, true);
                }
            }
        }
        ratioGoal("(d)/(c) throughput, 1 KB, concurrency 8", Payload.KB1, 8, c, Load.Closed::perSecond, "calls/s", 0.7, true);
        openLoopGoal();
        double kb = r.median(Payload.KB1, 8, d, x -> x.bytesPerCall() / 1024);
        double kbB = r.median(Payload.KB1, 8, b, x -> x.bytesPerCall() / 1024);
        goal("(d) KB allocated per call, 1 KB, concurrency 8", "down from 38.5 (run of 4127d4e)", String.format("%.1f KB ((b) %.1f KB)", kb, kbB), kb < 38.5);
        goal("startup with " + hundred + " operations", "< 3 s", String.format("%,d ms JVM start to ready (builder().start() %,d ms, %,d ms CPU)",
                ready, start, r.startupMedian(hundred, 6)), ready < 3000);
        goal("heap live set with " + hundred + " operations", "< 64 MB", String.format("%.1f MB", live), live < 64);
        goal("body parsed once per call (d)", "1 parse", String.format("%.2f parses/call (1, 5 and 50 KB: %s)", parses,
                String.join(", ", r.parsesPerCall.values().stream().map(v -> String.format("%.2f", v)).toList())), parses <= 1.0);
        goal("quota efficiency at 2R offered", ">= 97% of R, no 429 to callers", String.format("%.1f%% of R, %d RATE_LIMITED to callers",
                100 * r.quota.efficiency(), r.quota.rateLimitedToCallers()), r.quota.efficiency() >= 0.97 && r.quota.rateLimitedToCallers() == 0);
        goal("stub on its own vs (a)'s peak, 1 KB (precondition)", ">= 3x", String.format("%.1fx by its CPU per request (%.1fx measured"
                + " with the raw client sharing the cores)", stubRatio, stubMeasured), stubRatio >= 3);
        line("");
    }

    /** (d) over {@code base} in one cell: at least {@code target} for a rate, at most for a cost. */
    private void ratioGoal(String what, Payload p, int n, String base, ToDoubleFunction<Load.Closed> metric, String unit, double target,
            boolean atLeast) {
        double vd = r.median(p, n, d, metric);
        double vb = r.median(p, n, base, metric);
        double ratio = vd / vb;
        goal(what, (atLeast ? ">= " : "<= ") + String.format("%.2f", target), String.format("%.2f (%,.0f vs %,.0f %s)", ratio, vd, vb, unit),
                atLeast ? ratio >= target : ratio <= target);
    }

    /** At 50% of (c)'s peak (d) keeps up and adds at most 2 ms at p99 over (c). */
    private void openLoopGoal() {
        Load.Open od = r.latency.get(0.5 + "|" + d);
        Load.Open oc = r.latency.get(0.5 + "|" + c);
        long added = od.latencyMicros().getValueAtPercentile(99) - oc.latencyMicros().getValueAtPercentile(99);
        goal("open loop at 50% of (c)'s peak, 1 KB: (d) keeps up, added p99 over (c)", "kept, <= 2,000 us", String.format("%s, %+,d us"
                + " (p99 %,d vs %,d us)", od.kept() ? "kept" : "did not keep up", added, od.latencyMicros().getValueAtPercentile(99),
                oc.latencyMicros().getValueAtPercentile(99)), od.kept() && added <= 2000);
    }

    private void goal(String what, String target, String measured, boolean met) {
        line("| " + what + " | " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
    }

    private void throughput() {
        line("## Throughput, CPU and allocation per call (closed loop)");
        line("");
        line("Calls per second with N callers calling back to back. CPU time per call is the calling JVM's process CPU time"
                + " (all its threads: callers, HTTP client, GC, JIT) over the calls of the window; allocation per call sums"
                + " every live thread's allocated bytes. The stub runs in its own JVM and is not counted. Median of "
                + r.config.rounds() + " interleaved round(s) of " + r.config.cellMs() / 1000.0 + " s.");
        line("");
        table("calls/s", Load.Closed::perSecond, "%,.0f", true);
        table("CPU us/call", Load.Closed::cpuMicrosPerCall, "%.1f", false);
        table("KB allocated/call", x -> x.bytesPerCall() / 1024, "%.1f", false);
    }

    private void table(String unit, ToDoubleFunction<Load.Closed> metric, String format, boolean ratiosToA) {
        line("| " + unit + " | N | " + String.join(" | ", List.of(a, b, b2, c, d)) + " | (d)/(b) | (d)/(b') | (d)/(c) | (c)/(a) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Payload p : Payload.values()) {
            for (int n : Harness.CONCURRENCY) {
                double va = r.median(p, n, a, metric);
                double vb = r.median(p, n, b, metric);
                double vb2 = r.median(p, n, b2, metric);
                double vc = r.median(p, n, c, metric);
                double vd = r.median(p, n, d, metric);
                String f = " | " + format;
                line(String.format("| %s | %d" + f + f + f + f + f + " | %.2f | %.2f | %.2f | %.2f |",
                        p.label(), n, va, vb, vb2, vc, vd, vd / vb, vd / vb2, vd / vc, vc / va));
            }
        }
        line("");
    }

    private void latency() {
        double peak = r.peak(Payload.KB1, c);
        line("## Latency at fixed offered rates (open loop, 1 KB)");
        line("");
        line(String.format("Offered rates are shares of (c)'s peak on 1 KB (%,.0f calls/s). Each call is due at start + i/rate and its"
                + " latency runs from that due time (HdrHistogram, microseconds), so a stall shows in the percentiles instead of"
                + " slowing the load. %d caller threads; %.0f s measured after %.0f s warm-up per cell. \"Added\" is the"
                + " scenario's percentile minus (c)'s at the same rate.", peak, Harness.OPEN_LOOP_THREADS,
                r.config.latencyMs() / 1000.0, r.config.latencyWarmMs() / 1000.0));
        line("");
        line("| offered | scenario | p50 us | p99 us | p99.9 us | added p50 | added p99 | added p99.9 | achieved/s | failed |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (double share : Harness.RATE_SHARES) {
            Histogram base = r.latency.get(share + "|" + c).latencyMicros();
            for (String s : r.scenarios) {
                Load.Open o = r.latency.get(share + "|" + s);
                Histogram h = o.latencyMicros();
                line(String.format("| %.0f%% = %,.0f/s | %s | %,d | %,d | %,d | %s | %s | %s | %,.0f%s | %d |", share * 100, o.offeredPerSecond(), s,
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                        s.equals(c) ? "-" : String.format("%+,d", h.getValueAtPercentile(50) - base.getValueAtPercentile(50)),
                        s.equals(c) ? "-" : String.format("%+,d", h.getValueAtPercentile(99) - base.getValueAtPercentile(99)),
                        s.equals(c) ? "-" : String.format("%+,d", h.getValueAtPercentile(99.9) - base.getValueAtPercentile(99.9)),
                        o.achievedPerSecond(), o.kept() ? "" : " (did not keep up)", o.errors()));
            }
        }
        line("");
    }

    private void stub() {
        line("## The stub is not the bottleneck");
        line("");
        line("A JDK HttpServer in its own JVM (8 handler threads, TCP_NODELAY) serving byte arrays prepared at start. \"Measured\" is"
                + " its throughput under a minimal raw-socket HTTP/1.1 client in the harness JVM (keep-alive, one request in flight per"
                + " connection, best of 8 and 32 connections); that client shares the 2 cores, so this is a lower bound. \"On its own\""
                + " is the cores of the machine divided by the stub's CPU time per request in the same runs: what it serves with the"
                + " machine to itself. \"Stub CPU\" is the cores the stub used while (a) ran at concurrency 32.");
        line("");
        line("| payload | stub on its own calls/s | measured calls/s | (a)'s peak calls/s | on its own / (a) | measured / (a) | stub CPU during (a), cores |");
        line("|---|---|---|---|---|---|---|");
        for (Payload p : Payload.values()) {
            double peak = r.peak(p, a);
            line(String.format("| %s | %,.0f | %,.0f | %,.0f | %.1fx | %.1fx | %.2f |", p.label(), r.stubCapacity.get(p), r.stubPeak.get(p), peak,
                    r.stubCapacity.get(p) / peak, r.stubPeak.get(p) / peak, r.stubCores(p, 32, a)));
        }
        line("");
    }

    private void links() {
        line("## Cost of each link");
        line("");
        line("The chain run with one link at a time: the shipped chain template replaced, through Integrator.Builder.chain, by a"
                + " template holding the request step and the HTTP call (\"transport\", which every variant needs) plus one link."
                + " Same stub, 1 KB, concurrency 8, median of " + r.config.linkRounds() + " interleaved round(s). A link's cost is its"
                + " variant minus \"transport\"; normalization needs validation's tree, so its cost is the difference of those two rows."
                + " Request validation is inside the request step; JMH below measures it alone (chainRequest).");
        line("");
        line("| variant | calls/s | CPU us/call | CPU added | KB/call | KB added |");
        line("|---|---|---|---|---|---|");
        double baseCpu = r.linkMedian("transport", Load.Closed::cpuMicrosPerCall);
        double baseKb = r.linkMedian("transport", x -> x.bytesPerCall() / 1024);
        for (String v : r.links.keySet()) {
            double cpu = r.linkMedian(v, Load.Closed::cpuMicrosPerCall);
            double kb = r.linkMedian(v, x -> x.bytesPerCall() / 1024);
            line(String.format("| %s | %,.0f | %.1f | %+.1f | %.1f | %+.1f |", v, r.linkMedian(v, Load.Closed::perSecond), cpu, cpu - baseCpu, kb, kb - baseKb));
        }
        line("");
    }

    private void transport() {
        line("## The HTTP link");
        line("");
        line("Transport alone, beside (a), 1 KB, concurrency 8, median of " + r.config.rounds() + " interleaved round(s): our"
                + " `UpstreamClient.exchange` as the call step uses it (size limit, timeout covering the body; since issue 16 on"
                + " Apache HttpClient 5 classic), the JDK HttpClient built with `executor(Runnable::run)`, whose"
                + " dependent tasks then run on the thread that completes them instead of hopping to the default executor's pool,"
                + " and Apache HttpClient 5 classic with a pooled connection manager (blocking I/O on the caller's thread, as"
                + " camel-http uses it): the two candidates for the link.");
        line("");
        line("| transport | calls/s | CPU us/call | KB/call | CPU vs (a) |");
        line("|---|---|---|---|---|");
        double base = r.transportMedian(a, Load.Closed::cpuMicrosPerCall);
        for (String name : r.transport.keySet()) {
            double cpu = r.transportMedian(name, Load.Closed::cpuMicrosPerCall);
            line(String.format("| %s | %,.0f | %.1f | %.1f | %.2f |", name, r.transportMedian(name, Load.Closed::perSecond), cpu,
                    r.transportMedian(name, x -> x.bytesPerCall() / 1024), cpu / base));
        }
        line("");
    }

    private void startup() {
        line("## Startup and heap live set");
        line("");
        line("Each in a fresh JVM with default flags: `Integrator.builder()...start()` on a home, then one call to the stub, then"
                + " three System.gc() and the heap in use (the live set). \"" + Harness.OPERATIONS + "\" is the repository's 6 operations plus "
                + (Harness.OPERATIONS - 6) + " generated ones (contract github.bench.v1, each with the github.issues.v2 list schema,"
                + " one templated route each, mappings given through `Integrator.builder().mapping(...)`). Median of "
                + r.config.startupRuns() + " run(s).");
        line("");
        line("| home | operations | builder().start() ms | JVM start to ready ms | CPU at ready ms | first call ms | heap live set MB | non-heap MB |");
        line("|---|---|---|---|---|---|---|---|");
        for (String home : r.startups.keySet()) {
            line(String.format("| %s | %d | %,d | %,d | %,d | %,d | %.1f | %.1f |", home.equals("repository") ? "repository as committed" : "generated",
                    r.startupMedian(home, 0), r.startupMedian(home, 1), r.startupMedian(home, 2), r.startupMedian(home, 6),
                    r.startupMedian(home, 3), r.startupMedian(home, 4) / 1048576.0, r.startupMedian(home, 5) / 1048576.0));
        }
        line("");
    }

    private void quota() {
        Quota.Result q = r.quota;
        line("## Quota efficiency");
        line("");
        line(String.format("The stub allows R = %.0f requests/s per token (token bucket, burst %d; beyond it 429 with Retry-After)."
                + " The chain's provider budget is set to the same R and burst; %d callers offer 2R = %.0f calls/s in a closed loop"
                + " (each waits for its answer, then for its next slot) for %.0f s after %.1f s of warm-up.", q.quotaPerSecond(),
                Harness.QUOTA_BURST, Harness.QUOTA_WORKERS, q.offeredPerSecond(), q.seconds(), r.config.quotaWarmMs() / 1000.0));
        line("");
        line("| successful calls/s | share of R | 429s the stub sent | errors reaching callers | RATE_LIMITED reaching callers |");
        line("|---|---|---|---|---|");
        line(String.format("| %.1f | %.1f%% | %d | %d %s | %d |", q.okPerSecond(), 100 * q.efficiency(), q.stub429(), q.callerErrors(),
                q.errorsByCode().isEmpty() ? "" : q.errorsByCode().toString(), q.rateLimitedToCallers()));
        line("");
    }

    private void jmh() {
        line("## JMH: the in-process part, no sockets (-prof gc)");
        line("");
        line("`handWritten`: (b)'s parse, validation with the cached schema and mapping. `chainValidateAndNormalize`: our response"
                + " and normalization steps on one exchange. `chainWithoutSocket`: the whole chain in Camel with the HTTP call"
                + " answering a prepared response (the shipped chain with `CannedCall` in place of the call step, through Builder.chain). `chainRequest`:"
                + " the request step (parameter validation, URI). `camelDirect`: one exchange through a direct route, Camel's floor."
                + " One fork; average time.");
        line("");
        line("| benchmark | payload | us/op | +- | B/op |");
        line("|---|---|---|---|---|");
        for (Harness.JmhRow row : r.jmh) {
            line(String.format("| %s | %s | %.2f | %.2f | %,.0f |", row.benchmark(), row.payload().isEmpty() ? "-" : Payload.valueOf(row.payload()).label(),
                    row.microsPerOp(), row.error(), row.bytesPerOp()));
        }
        line("");
    }

    private void profiles() {
        if (r.profiles.isEmpty()) {
            return;
        }
        line("## Where the time goes (JFR, 1 KB, concurrency 8)");
        line("");
        line("JFR's profile settings over a closed-loop run per scenario. Each CPU sample (and each sampled allocation, by"
                + " weight) is counted for the first frame from the top of its stack that belongs to a known library or to our code.");
        line("");
        Profile.Summary pb = r.profiles.get(0);
        Profile.Summary pd = r.profiles.get(1);
        line("| where | " + pb.scenario() + " CPU | " + pd.scenario() + " CPU | " + pb.scenario() + " alloc | " + pd.scenario() + " alloc |");
        line("|---|---|---|---|---|");
        java.util.Set<String> buckets = new java.util.LinkedHashSet<>(pd.cpuShare().keySet());
        buckets.addAll(pb.cpuShare().keySet());
        for (String k : buckets) {
            line(String.format("| %s | %s | %s | %s | %s |", k, pct(pb.cpuShare(), k), pct(pd.cpuShare(), k), pct(pb.allocShare(), k), pct(pd.allocShare(), k)));
        }
        line("");
        for (Profile.Summary s : List.of(pb, pd)) {
            line("Top frames of " + s.scenario() + " (" + s.cpuSamples() + " samples): " + String.join("; ", s.topSelf()));
            line("");
        }
    }

    private static String pct(Map<String, Double> shares, String key) {
        Double v = shares.get(key);
        return v == null ? "-" : String.format("%.0f%%", 100 * v);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            long kb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            return String.format("%.0f GiB", kb / 1048576.0);
        } catch (IOException e) {
            return "?";
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
