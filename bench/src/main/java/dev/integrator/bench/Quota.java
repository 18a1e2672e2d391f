package dev.integrator.bench;

import dev.integrator.Envelope;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Quota efficiency: the stub allows R requests per second per token (token bucket, 429 with Retry-After beyond);
 * our provider budget is set to R; {@code workers} callers offer 2R (or a given rate, over one or several
 * instances) in a closed loop (each waits for its answer, then for its next slot). Counts successes per second against R, the 429s the stub sent, and the errors that
 * reached a caller by code.
 */
final class Quota {

    record Result(double quotaPerSecond, double offeredPerSecond, double okPerSecond, long callerErrors,
            Map<String, Long> errorsByCode, long stub429, long stubOk, double seconds) {
        double efficiency() {
            return okPerSecond / quotaPerSecond;
        }

        long rateLimitedToCallers() {
            return errorsByCode.getOrDefault("RATE_LIMITED", 0L);
        }
    }

    private Quota() {
    }

    static Result run(StubProcess stub, Path repo, double r, int burst, int workers, long warmMs, long measureMs) throws Exception {
        FullChain chain = new FullChain("quota", repo, stub.baseUrl, settings(r, burst), Map.of("GITHUB_TOKEN", "bench-quota-token"));
        try {
            return run(stub, List.of(chain.integrator()), r, 2 * r, workers, warmMs, measureMs);
        } finally {
            chain.close();
        }
    }

    /** The provider budget of R, as the chain's provider settings say it. */
    static String settings(double r, int burst) {
        return "{\"budget\": {\"requestsPerSecond\": " + r + ", \"burst\": " + burst + "}}";
    }

    /**
     * The same with several instances, each its own integrator with its own budget (or one shared budget, when they
     * share a quota store): caller {@code w} calls instance {@code w % instances}; together they offer {@code offered}
     * calls per second.
     */
    static Result run(StubProcess stub, List<Integrator> instances, double r, double offered, int workers, long warmMs, long measureMs)
            throws Exception {
        Map<String, Object> params = Map.of("owner", "quota", "repo", Payload.KB1.repo);
        long periodNanos = (long) (1e9 * workers / offered);
        long start = System.nanoTime();
        long from = start + warmMs * 1_000_000;
        long end = from + measureMs * 1_000_000;
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        StubProcess.Stats[] before = new StubProcess.Stats[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long offset = w * periodNanos / workers;
            Integrator integrator = instances.get(w % instances.size());
            Thread t = new Thread(() -> {
                long next = start + offset;
                while (next < end) {
                    Load.sleepUntil(next);
                    Envelope envelope = integrator.call("github.issues.list", params);
                    long done = System.nanoTime();
                    boolean counted = done >= from && done < end;
                    if (counted && envelope.ok()) {
                        ok.increment();
                    } else if (counted) {
                        errors.computeIfAbsent(envelope.error().code().name(), k -> new LongAdder()).increment();
                    }
                    next = Math.max(next + periodNanos, done);
                }
            });
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        Load.sleepUntil(from);
        before[0] = stub.stats();
        Load.sleepUntil(end);
        StubProcess.Stats after = stub.stats();
        for (Thread t : threads) {
            t.join(60_000);
        }
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((k, v) -> byCode.put(k, v.sum()));
        long callerErrors = byCode.values().stream().mapToLong(Long::longValue).sum();
        double seconds = measureMs / 1000.0;
        return new Result(r, offered, ok.sum() / seconds, callerErrors, byCode, after.quotaRefused() - before[0].quotaRefused(),
                after.quotaOk() - before[0].quotaOk(), seconds);
    }
}
