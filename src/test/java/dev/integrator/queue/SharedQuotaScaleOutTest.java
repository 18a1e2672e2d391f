package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.GitHubStub;
import dev.integrator.TempHome;
import dev.integrator.webhook.dedupe.OwnRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code integrator run} instances consume one RabbitMQ request queue and call one provider that allows R
 * requests per second per token and answers 429 beyond; their GitHub budget is R, kept in one Redis. Callers offer 3R,
 * measured for 20 s after 5 s of warm-up: in every second the provider sees at most R plus its burst, no caller gets an
 * error, and at least 97% of R is spent. Then one instance is killed (kill -9) and the other two spend the whole of R.
 * Without the shared budget each instance spends R of its own: the provider answers 429s, whose pauses leave much of
 * R unspent.
 */
// Three child JVMs and 37 s of load take longer than the suite's default per-test timeout.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedQuotaScaleOutTest {

    private static final int R = 10;
    /**
     * One second of R: a stall of the test's own JVM (where the stub runs) on a busy machine holds requests back and
     * lets them in together, and a smaller burst turns that into 429s that say nothing about the instances.
     */
    private static final int STUB_BURST = 10;
    private static final int BUDGET_BURST = 1;
    private static final int CALLERS = 30;
    private static final long THREE_MS = 20_000;
    private static final long TWO_MS = 12_000;
    /** The first seconds at full load are not measured: each instance's chain is still being compiled by the JIT. */
    private static final long WARM_MS = 5_000;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String QUEUE = "integrator.github.repos.get";
    private static final String REQUEST = "{\"owner\":\"apache\",\"repo\":\"camel\"}";

    @TempDir
    Path dir;

    /** What the provider saw in whole seconds from {@code from}: the busiest second, its 200s and 429s. */
    record Seen(long seconds, long busiestSecond, long ok, long refused) {
        static Seen in(TokenBucketStub stub, long from, long to) {
            long seconds = (to - from) / SECOND;
            long busiest = 0;
            for (long s = 0; s < seconds; s++) {
                busiest = Math.max(busiest, stub.count(from + s * SECOND, from + (s + 1) * SECOND, 0));
            }
            long end = from + seconds * SECOND;
            return new Seen(seconds, busiest, stub.count(from, end, 200), stub.count(from, end, 429));
        }

        double efficiency() {
            return ok / (double) (R * seconds);
        }

        @Override
        public String toString() {
            return String.format("%d s: busiest second %d requests (limit %d + burst %d), %.1f ok/s = %.1f%% of R, %d answered 429",
                    seconds, busiestSecond, R, STUB_BURST, ok / (double) seconds, 100 * efficiency(), refused);
        }
    }

    @Test
    void three_instances_spend_one_provider_quota_and_two_spend_all_of_it_after_one_is_killed() throws Exception {
        RabbitAvailable.require();
        String vhost = "integrator-quota-" + UUID.randomUUID().toString().substring(0, 8);
        try (OwnRedis redis = OwnRedis.start(); TokenBucketStub stub = TokenBucketStub.start(R, STUB_BURST, GitHubStub.repoJson())) {
            String rabbit = RabbitAvailable.addVhost(vhost);
            List<ChildRun> instances = new ArrayList<>();
            ExecutorService killer = Executors.newSingleThreadExecutor();
            try {
                instances.addAll(start(3, env(stub, rabbit, redis)));
                try (PacedCallers callers = new PacedCallers(rabbit, QUEUE, REQUEST, 30_000)) {
                    long start = System.nanoTime();
                    long measured = start + TimeUnit.MILLISECONDS.toNanos(WARM_MS);
                    long kill = measured + TimeUnit.MILLISECONDS.toNanos(THREE_MS);
                    long end = kill + TimeUnit.MILLISECONDS.toNanos(TWO_MS);
                    Future<?> killed = killer.submit(() -> {
                        TimeUnit.NANOSECONDS.sleep(kill - System.nanoTime());
                        instances.get(2).kill9();
                        return null;
                    });
                    callers.run(CALLERS, 3.0 * R, WARM_MS + THREE_MS + TWO_MS);
                    killed.get();

                    // The first second after the kill is left out: the redelivery of what the killed instance held.
                    Seen three = Seen.in(stub, measured, kill);
                    Seen two = Seen.in(stub, kill + SECOND, end);
                    Map<String, Long> outcomes = callers.outcomes(0, Long.MAX_VALUE);
                    System.out.printf("shared quota, 3 instances, %d callers offering %d/s: %s%n", CALLERS, 3 * R, three);
                    System.out.printf("shared quota, 2 instances after a kill -9: %s%n", two);
                    System.out.printf("shared quota: what callers got back: %s%n", outcomes);

                    assertThat(three.busiestSecond()).as("three instances: requests in the busiest second").isLessThanOrEqualTo(R + STUB_BURST);
                    assertThat(two.busiestSecond()).as("two instances: requests in the busiest second").isLessThanOrEqualTo(R + STUB_BURST);
                    assertThat(outcomes).as("every caller got a successful reply").containsOnlyKeys("ok");
                    assertThat(three.efficiency()).as("three instances: share of R spent").isGreaterThanOrEqualTo(0.97);
                    assertThat(two.efficiency()).as("two instances: share of R spent").isGreaterThanOrEqualTo(0.97);
                }
            } finally {
                killer.shutdownNow();
                for (ChildRun child : instances) {
                    child.close();
                }
                RabbitAvailable.deleteVhost(vhost);
            }
        }
    }

    /** GitHub's definitions with its budget set to the stub's quota; one Redis, one vhost. */
    private Map<String, String> env(TokenBucketStub stub, String rabbit, OwnRedis redis) throws Exception {
        TempHome home = TempHome.provider(dir.resolve("home"), "github");
        home.edit("routes/github/provider.yaml", "  requestsPerSecond: 1\n  burst: 10\n",
                "  requestsPerSecond: " + R + "\n  burst: " + BUDGET_BURST + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("INTEGRATOR_HOME", home.path().toString());
        env.put("INTEGRATOR_BROKER", "rabbitmq");
        env.put("RABBITMQ_URL", rabbit);
        env.put("INTEGRATOR_REDIS_URL", redis.url());
        env.put("GITHUB_BASE_URL", stub.baseUrl());
        env.put("GITHUB_TOKEN", "quota-test-token");
        env.put("INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
        return env;
    }

    /** Starts {@code count} instances at once (each JVM takes seconds to start on a busy machine). */
    private List<ChildRun> start(int count, Map<String, String> env) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(count);
        try {
            List<Callable<ChildRun>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Map<String, String> own = new HashMap<>(env);
                own.put("INTEGRATOR_DATA_DIR", dir.resolve("data-" + i).toString());
                Path log = dir.resolve("instance-" + i + ".log");
                starts.add(() -> ChildRun.start(own, log));
            }
            List<ChildRun> started = new ArrayList<>();
            Exception failed = null;
            for (Future<ChildRun> f : starter.invokeAll(starts)) {
                try {
                    started.add(f.get());
                } catch (Exception e) {
                    failed = e;
                }
            }
            if (failed != null) {
                for (ChildRun child : started) {
                    child.close();
                }
                throw failed;
            }
            return started;
        } finally {
            starter.shutdown();
        }
    }
}
