package dev.integrator.chain.budget.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.base.TimeSource;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.budget.PauseState;
import dev.integrator.chain.budget.RateBucket;
import dev.integrator.webhook.dedupe.OwnRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two quota stores on one redis-server of the test's own, as two instances would be: they draw from one bucket,
 * see each other's pauses and new paces, keep expiring keys under the prefix, and fall back (or refuse) while that
 * Redis is killed, back to sharing once it runs again.
 */
class SharedQuotaStoreTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private OwnRedis redis;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger quotaLog = (Logger) LoggerFactory.getLogger("integrator.quota");

    @BeforeEach
    void start() throws Exception {
        redis = OwnRedis.start();
        logged.start();
        quotaLog.addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        quotaLog.detachAppender(logged);
        redis.close();
    }

    /** A store whose commands may take 2 s: on a busy test host a healthy Redis must not look down. */
    private SharedQuotaStore store(int expectedInstances, String whenUnavailable) {
        return store(expectedInstances, whenUnavailable, Duration.ofSeconds(2));
    }

    private SharedQuotaStore store(int expectedInstances, String whenUnavailable, Duration commandTimeout) {
        return new SharedQuotaStore(RedisURI.create(redis.url()), "r-shared-test",
                Map.of("github", new BudgetSettings(1, 2, 20_000, expectedInstances, whenUnavailable)), TimeSource.SYSTEM, commandTimeout);
    }

    @Test
    void two_stores_spend_one_bucket_and_see_each_others_give_back_and_new_pace() {
        try (SharedQuotaStore one = store(1, "local"); SharedQuotaStore two = store(1, "local")) {
            RateBucket a = one.bucket("github", "github", 1, 2);
            RateBucket b = two.bucket("github", "github", 1, 2);

            assertThat(a.reserve(0)).isZero();
            assertThat(a.reserve(0)).isZero();
            assertThat(b.reserve(0)).as("the burst of 2 is spent, by the other instance").isEqualTo(-1);
            assertThat(b.nanosToWait()).isBetween(SECOND / 2, SECOND);

            a.giveBack();
            assertThat(b.reserve(0)).as("a's returned token").isZero();
            assertThat(b.reserve(2 * SECOND)).as("reserved, due in about a second").isBetween(SECOND / 2, SECOND);

            a.reconfigure(1000, 2);
            assertThat(b.nanosToWait()).as("a's new pace holds for b").isLessThan(SECOND / 10);
            b.reset();
            assertThat(a.reserve(0)).isZero();
            assertThat(one.available()).isTrue();
        }
    }

    @Test
    void a_pause_set_by_one_store_holds_the_other_and_a_shorter_one_does_not_shorten_it() {
        try (SharedQuotaStore one = store(1, "local"); SharedQuotaStore two = store(1, "local")) {
            PauseState a = one.pause("github", "core");
            PauseState b = two.pause("github", "core");
            assertThat(b.remainingMs()).isZero();

            a.pauseFor(5_000);
            assertThat(b.remainingMs()).isBetween(3_000L, 5_000L);
            b.pauseFor(100);
            assertThat(a.remainingMs()).as("the later end is kept").isGreaterThan(3_000L);
            assertThat(two.pause("github", "search").remainingMs()).as("another resource").isZero();

            a.reset();
            assertThat(a.remainingMs()).isZero();
            assertThat(b.remainingMs()).as("b's own short pause is all that is left").isLessThanOrEqualTo(100L);
        }
    }

    @Test
    void keys_carry_the_prefix_and_expire() {
        RedisClient raw = RedisClient.create(redis.url());
        try (SharedQuotaStore store = store(1, "local"); StatefulRedisConnection<String, String> direct = raw.connect()) {
            store.bucket("github", "github.search", 1, 2).reserve(0);
            store.pause("github", "search").pauseFor(30_000);

            assertThat(direct.sync().keys("*")).containsExactlyInAnyOrder("r-shared-test:github:budget:github.search",
                    "r-shared-test:github:pause:search");
            assertThat(direct.sync().pttl("r-shared-test:github:budget:github.search"))
                    .as("until the bucket is full again (1 s) plus the idle minute").isBetween(1_000L, 62_000L);
            assertThat(direct.sync().pttl("r-shared-test:github:pause:search")).isBetween(20_000L, 30_000L);
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void redis_down_gives_each_instance_its_share_logged_once_and_sharing_resumes_when_it_is_back() throws Exception {
        try (SharedQuotaStore store = store(2, "local")) {
            RateBucket bucket = store.bucket("github", "github", 10, 4);
            PauseState pause = store.pause("github", "core");
            assertThat(bucket.reserve(0)).isZero();

            redis.kill();
            assertThat(bucket.reserve(0)).as("the local share: burst 4 / 2 instances").isZero();
            assertThat(bucket.reserve(0)).isZero();
            assertThat(bucket.reserve(0)).isEqualTo(-1);
            pause.pauseFor(2_000);
            assertThat(pause.remainingMs()).as("its own pauses hold it").isPositive();
            assertThat(store.available()).isFalse();
            pause.reset();

            redis.restart();
            Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> bucket.reserve(0) >= 0 && store.available());
            assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN);
            assertThat(logged.list.get(0).getFormattedMessage()).contains("Redis 127.0.0.1:").contains("not answering");
            assertThat(logged.list.get(1).getFormattedMessage()).contains("answers again");
        }
    }

    @Test
    void a_hung_redis_costs_one_command_timeout_then_the_fallback_answers_at_once() throws Exception {
        Duration timeout = SharedQuotaStore.COMMAND_TIMEOUT;
        try (SharedQuotaStore store = store(1, "local", timeout)) {
            RateBucket bucket = store.bucket("github", "github", 1000, 1000);
            assertThat(bucket.reserve(0)).isZero();

            redis.freeze();
            long started = System.nanoTime();
            assertThat(bucket.reserve(TimeUnit.SECONDS.toNanos(10))).as("the local fallback").isZero();
            assertThat(System.nanoTime() - started).as("bounded by the command timeout, not the caller's 10 s")
                    .isLessThan(5 * timeout.toNanos());
            assertThat(store.available()).isFalse();
            started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                bucket.reserve(0);
            }
            assertThat(System.nanoTime() - started).as("20 calls while down: not 20 command timeouts")
                    .isLessThan(10 * timeout.toNanos());

            redis.thaw();
            Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> bucket.reserve(0) >= 0 && store.available());
        }
    }

    @Test
    void redis_down_with_refuse_fails_at_once_with_unavailable_and_nothing_sent() throws Exception {
        try (SharedQuotaStore store = store(1, "refuse")) {
            RateBucket bucket = store.bucket("github", "github", 10, 4);
            PauseState pause = store.pause("github", "core");
            assertThat(bucket.reserve(0)).isZero();

            redis.kill();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> bucket.reserve(10 * SECOND)).isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.requestSent()).isFalse();
                    assertThat(e.getMessage()).contains("budget.whenSharedUnavailable is refuse");
                });
                assertThat(System.nanoTime() - started).as("not held for the caller's 10 s: a command timeout at most")
                        .isLessThan(5 * SECOND);
            }
            assertThatThrownBy(pause::remainingMs).isInstanceOf(IntegrationException.class);
            bucket.giveBack();
            assertThat(logged.list).hasSize(1);
        }
    }
}
