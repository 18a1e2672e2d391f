package dev.integrator.webhook.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.integrator.webhook.dedupe.DeliveryLog.Claim;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Redis delivery log against a redis-server of the test's own: several instances deduplicate together, and a
 * Redis that goes down (killed) or is not there at start makes every claim NEW (fail open), logged once per change.
 */
class RedisDeliveryLogTest {

    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path data;
    private OwnRedis redis;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void startRedisAndListen() throws Exception {
        redis = OwnRedis.start();
        logged.start();
        ((Logger) LoggerFactory.getLogger(DeliveryLog.class)).addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(DeliveryLog.class)).detachAppender(logged);
        redis.close();
    }

    private DeliveryLog open(Map<String, String> env) {
        return DeliveryLogs.open(data, env);
    }

    private DeliveryLog open() {
        return open(Map.of(DeliveryLogs.REDIS_URL, redis.url()));
    }

    @Test
    void two_instances_on_one_redis_deduplicate_together() {
        try (DeliveryLog a = open(); DeliveryLog b = open()) {
            assertThat(a.claim("github", "7:d1")).isEqualTo(Claim.NEW);
            assertThat(b.claim("github", "7:d1")).isEqualTo(Claim.IN_FLIGHT);
            a.confirm("github", "7:d1", DAY);
            assertThat(b.claim("github", "7:d1")).isEqualTo(Claim.DUPLICATE);

            assertThat(b.claim("github", "7:d2")).isEqualTo(Claim.NEW);
            b.release("github", "7:d2");
            assertThat(a.claim("github", "7:d2")).as("released by its holder: the retry is accepted")
                    .isEqualTo(Claim.NEW);
            b.release("github", "7:d2");
            assertThat(b.claim("github", "7:d2")).as("b cannot release a's claim").isEqualTo(Claim.IN_FLIGHT);
            assertThat(a.available()).isTrue();
        }
    }

    @Test
    void a_confirmed_delivery_is_one_key_that_expires_with_its_window() {
        RedisClient raw = RedisClient.create(redis.url());
        try (DeliveryLog log = open(Map.of(DeliveryLogs.REDIS_URL, redis.url(), DeliveryLogs.REDIS_PREFIX,
                "acme-prod"));
                StatefulRedisConnection<String, String> direct = raw.connect()) {
            log.claim("stripe", "evt_1");
            assertThat(direct.sync().ttl("acme-prod:webhook:stripe:evt_1")).as("a claim holds 60 s").isBetween(1L, 60L);
            log.confirm("stripe", "evt_1", DAY);
            assertThat(direct.sync().get("acme-prod:webhook:stripe:evt_1")).isEqualTo("confirmed");
            assertThat(direct.sync().ttl("acme-prod:webhook:stripe:evt_1")).isBetween(DAY.toSeconds() - 60,
                    DAY.toSeconds());

            log.claim("stripe", "evt_2");
            log.confirm("stripe", "evt_2", Duration.ofSeconds(1));
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> log.claim("stripe", "evt_2") == Claim.NEW);
        } finally {
            raw.shutdown();
        }
    }

    @Test
    void of_many_concurrent_claims_of_one_id_on_two_instances_exactly_one_is_new() throws Exception {
        try (DeliveryLog a = open(); DeliveryLog b = open()) {
            assertThat(JournalDeliveryLogTest.claimTogether(List.of(a, b, a, b, a, b, a, b), "slack", "Ev0RACE"))
                    .containsOnlyKeys(Claim.NEW, Claim.IN_FLIGHT).containsEntry(Claim.NEW, 1L);
        }
    }

    @Test
    void redis_going_down_fails_open_logs_once_and_recovers_when_it_is_back() throws Exception {
        try (DeliveryLog log = open()) {
            log.claim("github", "1:before");
            log.confirm("github", "1:before", DAY);

            redis.kill();
            for (int i = 0; i < 5; i++) {
                assertThat(log.claim("github", "1:during-" + i)).isEqualTo(Claim.NEW);
                log.confirm("github", "1:during-" + i, DAY);
            }
            assertThat(log.claim("github", "1:before")).as("Redis holds it but does not answer: accepted")
                    .isEqualTo(Claim.NEW);
            assertThat(log.available()).isFalse();
            assertThat(messages(Level.WARN)).hasSize(1).allMatch(m -> m.contains("not answering")
                    && m.contains("127.0.0.1:" + redis.port));

            redis.restart();
            Awaitility.await("reconnected").atMost(20, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS)
                    .until(() -> log.claim("github", "1:after") == Claim.NEW && log.available());
            assertThat(log.claim("github", "1:after")).isEqualTo(Claim.IN_FLIGHT);
            assertThat(messages(Level.WARN)).hasSize(2).last().matches(m -> m.contains("answers again"));
        }
    }

    @Test
    void a_redis_not_there_at_start_does_not_stop_the_start_and_every_claim_is_new() throws Exception {
        int nobody = OwnRedis.freePort();
        try (DeliveryLog log = open(Map.of(DeliveryLogs.REDIS_URL, "redis://127.0.0.1:" + nobody))) {
            assertThat(log.available()).isFalse();
            assertThat(log.claim("github", "1:x")).isEqualTo(Claim.NEW);
            assertThat(log.claim("github", "1:x")).isEqualTo(Claim.NEW);
            log.release("github", "1:x");
        }
        assertThat(messages(Level.WARN)).hasSize(1);
    }

    @Test
    void the_password_comes_from_its_own_variable_when_the_url_has_none_and_is_never_logged() throws Exception {
        try (OwnRedis locked = OwnRedis.start("s3cret-redis-pw")) {
            try (DeliveryLog log = open(Map.of(DeliveryLogs.REDIS_URL, locked.url(), DeliveryLogs.REDIS_PASSWORD,
                    "s3cret-redis-pw"))) {
                assertThat(log.claim("github", "1:pw")).isEqualTo(Claim.NEW);
                assertThat(log.claim("github", "1:pw")).isEqualTo(Claim.IN_FLIGHT);
                assertThat(log.available()).isTrue();
            }
            try (DeliveryLog log = open(Map.of(DeliveryLogs.REDIS_URL, "redis://:wrong-pw@127.0.0.1:" + locked.port))) {
                assertThat(log.claim("github", "1:pw")).as("refused by Redis: fail open").isEqualTo(Claim.NEW);
                assertThat(log.available()).isFalse();
            }
        }
        assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains("pw"));
    }

    private List<String> messages(Level level) {
        return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
