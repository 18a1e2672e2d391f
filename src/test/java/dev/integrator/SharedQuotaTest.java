package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.observe.ChainMetrics;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.dedupe.OwnRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Two integrators in one JVM, as two instances, sharing a redis-server of the test's own: together they spend one
 * budget and honour each other's pauses; with that Redis killed each keeps its share of the rate (or refuses at once),
 * and sharing resumes when it is back on the same port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedQuotaTest extends GitHubStub {

    private OwnRedis redis;
    private Integrator other;
    private final String prefix = "r-shared-" + UUID.randomUUID();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger quotaLog = (Logger) LoggerFactory.getLogger("integrator.quota");

    @BeforeEach
    void startRedis() throws Exception {
        redis = OwnRedis.start();
        logged.start();
        quotaLog.addAppender(logged);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
    }

    @AfterEach
    void stopRedis() throws Exception {
        quotaLog.detachAppender(logged);
        if (other != null) {
            other.close();
        }
        redis.close();
    }

    private Map<String, String> sharedEnv() {
        Map<String, String> env = new HashMap<>(env());
        env.put("INTEGRATOR_REDIS_URL", redis.url());
        env.put("INTEGRATOR_REDIS_PREFIX", prefix);
        // A busy test host may stall a healthy Redis's answer past the default; the outages here are kills.
        env.put("INTEGRATOR_QUOTA_REDIS_TIMEOUT_MS", "3000");
        return env;
    }

    /** Two instances on the shared Redis, both with {@code settings}. */
    private void startTwo(String settings) {
        restart(settings, sharedEnv());
        other = Integrator.builder().env(sharedEnv()).override("github", json(settings)).start();
    }

    private Envelope call(Integrator instance) {
        return instance.call("github.repos.get", repo("apache", "camel"));
    }

    @Test
    void two_instances_together_spend_one_budget() throws Exception {
        // 10/s with a burst of 2; calls wait up to 2 s for a token. Each instance alone would send 2 + 10/s.
        startTwo("""
                {"budget": {"requestsPerSecond": 10, "burst": 2, "maxWaitMs": 2000}}
                """);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        long until = started + TimeUnit.SECONDS.toNanos(2);
        List<Future<?>> running = new ArrayList<>();
        for (Integrator instance : List.of(integrator, other, integrator, other)) {
            running.add(callers.submit(() -> {
                while (System.nanoTime() < until) {
                    assertThat(call(instance).ok()).isTrue();
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        callers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        int sent = requests().size();
        assertThat(sent).as("one budget of 2 + 10/s over %.2f s, for both instances", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(2 + 10 * seconds) + 1)
                .as("the budget is spent, not refused").isGreaterThanOrEqualTo((int) (5 * seconds));
    }

    @Test
    void a_pause_set_by_one_instance_holds_the_others_calls() {
        startTwo("""
                {"budget": {"maxWaitMs": 500}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));

        Envelope first = call(integrator);
        Envelope held = call(other);

        assertThat(first.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(held.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(held.error().message()).contains("is paused");
        assertThat(held.error().retryAfterMs()).isBetween(3_000L, 5_000L);
        assertThat(held.meta().attempts()).isZero();
        assertThat(requests()).as("only the first instance reached the provider").hasSize(1);
    }

    @Test
    void redis_down_leaves_each_instance_its_share_and_sharing_resumes_when_it_is_back() throws Exception {
        startTwo("""
                {"budget": {"requestsPerSecond": 20, "burst": 2, "maxWaitMs": 0, "expectedInstances": 2}}
                """);
        assertThat(call(integrator).ok()).isTrue();
        assertThat(sharedGauge()).isEqualTo(1);

        redis.kill();
        github.resetRequests();
        long started = System.nanoTime();
        int ok = 0;
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1)) {
            long before = System.nanoTime();
            Envelope env = call(integrator);
            assertThat(System.nanoTime() - before).as("no call held: nothing to wait for but a command that fails at once")
                    .isLessThan(TimeUnit.SECONDS.toNanos(5));
            ok += env.ok() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(ok).as("this instance's share: 20/s / 2 instances, burst 1, over %.2f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(1 + 10 * seconds) + 1)
                .as("more than the burst of 1: the local share refills").isGreaterThanOrEqualTo(3);
        assertThat(sharedGauge()).isZero();
        assertThat(integrator.sharedQuota().orElseThrow().connected()).isFalse();
        assertThat(integrator.sharedQuota().orElseThrow().describe()).startsWith("Redis 127.0.0.1:");

        redis.restart();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> call(integrator).ok() && sharedGauge() == 1);
        assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("not answering")))
                .as("one warning for the outage of this instance, not one per call").hasSize(1);
    }

    @Test
    void redis_down_with_refuse_fails_calls_at_once_without_sending() throws Exception {
        startTwo("""
                {"budget": {"whenSharedUnavailable": "refuse"}}
                """);
        assertThat(call(integrator).ok()).isTrue();

        redis.kill();
        long before = System.nanoTime();
        Envelope refused = call(integrator);
        long tookNanos = System.nanoTime() - before;

        assertThat(refused.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(refused.error().retryable()).as("not retried by the chain").isFalse();
        assertThat(refused.meta().attempts()).isZero();
        assertThat(refused.error().message()).contains("whenSharedUnavailable is refuse");
        assertThat(tookNanos).as("well within the call's deadline").isLessThan(TimeUnit.SECONDS.toNanos(5));
        List<LoggedRequest> sent = requests();
        assertThat(sent).as("only the call before the outage").hasSize(1);
    }

    @Test
    void bad_budget_settings_and_a_bad_redis_url_are_start_problems_reported_together() {
        Map<String, String> env = new HashMap<>(env());
        env.put("INTEGRATOR_REDIS_URL", "http://127.0.0.1:6379");
        env.put("INTEGRATOR_QUOTA_REDIS_TIMEOUT_MS", "soon");

        assertThatThrownBy(() -> restart("""
                {"budget": {"expectedInstances": 0, "whenSharedUnavailable": "sometimes"}}
                """, env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("budget.expectedInstances must be >= 1, but was 0")
                .hasMessageContaining("budget.whenSharedUnavailable must be one of [local, refuse], but was sometimes")
                .hasMessageContaining("INTEGRATOR_REDIS_URL must be a redis:// or rediss:// URL")
                .hasMessageContaining("INTEGRATOR_QUOTA_REDIS_TIMEOUT_MS must be a number of ms from 1 to 999999, but was soon");
    }

    private double sharedGauge() {
        return integrator.meterRegistry().get(ChainMetrics.QUOTA_SHARED).tag("provider", "github").gauge().value();
    }
}
