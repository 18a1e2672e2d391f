package dev.integrator.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a consuming {@code integrator run} with requests in flight: after a restart every request has a reply
 * or a dead letter. Nothing is lost; duplicates (a request answered twice) are counted and reported.
 */
// Child JVMs, broker restarts and external processes take longer than the suite's default per-test timeout.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrashRecoveryTest extends GitHubStub {

    private static final int REQUESTS = 20;

    @TempDir
    Path dir;

    private final Map<String, Integer> replies = new HashMap<>();
    private final Set<String> deadLetters = new HashSet<>();

    private Map<String, String> childEnv(Map<String, String> broker) {
        Map<String, String> env = new HashMap<>(broker);
        env.put("INTEGRATOR_HOME", Path.of(".").toAbsolutePath().normalize().toString());
        env.put("GITHUB_BASE_URL", github.baseUrl());
        env.put("INTEGRATOR_DATA_DIR", dir.resolve("data").toString());
        env.put("INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
        env.put("INTEGRATOR_CONSUMERS", "2");
        return env;
    }

    /** Each upstream call takes a while, so that requests are in flight when the child dies. */
    private void slowProvider() {
        github.stubFor(get(urlPathMatching("/repos/apache/camel")).willReturn(okJson(repoJson()).withFixedDelay(300)));
    }

    private int served() {
        return github.countRequestsMatching(getRequestedFor(urlPathMatching("/repos/.*")).build()).getCount();
    }

    private List<String> ids() {
        return IntStream.range(0, REQUESTS).mapToObj(i -> "crash-" + i).toList();
    }

    private void record(String correlationId, String body) throws Exception {
        JsonNode envelope = Json.MAPPER.readTree(body);
        assertThat(envelope.path("ok").asBoolean()).as(body).isTrue();
        replies.merge(correlationId, 1, Integer::sum);
    }

    private void assertNothingLost(int servedAtKill) {
        Set<String> answered = new HashSet<>(replies.keySet());
        answered.addAll(deadLetters);
        int duplicates = replies.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf("crash recovery: %d requests, %d served before the kill, %d replies (%d duplicate), %d dead letters%n",
                REQUESTS, servedAtKill, replies.values().stream().mapToInt(Integer::intValue).sum(), duplicates, deadLetters.size());
        assertThat(servedAtKill).as("requests were still in flight at the kill").isLessThan(REQUESTS);
        assertThat(answered).containsExactlyInAnyOrderElementsOf(ids());
    }

    @Test
    void artemis_nothing_is_lost_when_the_consumer_is_killed_mid_request() throws Exception {
        slowProvider();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = childEnv(Map.of("INTEGRATOR_ARTEMIS_PORT", String.valueOf(port)));
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?reconnectAttempts=0");
        int servedAtKill;
        try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
            try (Connection c = client.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                var producer = s.createProducer(s.createQueue("integrator.github.repos.get"));
                for (String id : ids()) {
                    TextMessage m = s.createTextMessage("{\"owner\":\"apache\",\"repo\":\"camel\"}");
                    m.setJMSCorrelationID(id);
                    m.setJMSReplyTo(s.createQueue("test.replies"));
                    producer.send(m);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> served() >= 3);
            servedAtKill = served();
            first.kill9();
        }
        try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"));
                Connection c = client.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            try (MessageConsumer consumer = s.createConsumer(s.createQueue("test.replies"))) {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (replies.size() < REQUESTS && System.nanoTime() < until) {
                    TextMessage m = (TextMessage) consumer.receive(1000);
                    if (m != null) {
                        record(m.getJMSCorrelationID(), m.getText());
                    }
                }
                TextMessage extra;
                while ((extra = (TextMessage) consumer.receive(1000)) != null) {
                    record(extra.getJMSCorrelationID(), extra.getText());
                }
            }
            ArtemisBroker.deadLettersOver(client).list().forEach(d -> deadLetters.add(d.id()));
        }
        client.close();
        assertNothingLost(servedAtKill);
    }

    @Test
    void rabbitmq_nothing_is_lost_when_the_consumer_is_killed_mid_request() throws Exception {
        RabbitAvailable.require();
        slowProvider();
        Map<String, String> env = childEnv(Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RabbitAvailable.URL);
        int servedAtKill;
        try (com.rabbitmq.client.Connection c = factory.newConnection("crash-test"); Channel ch = RabbitFrontDoorTest.fresh(c)) {
            ch.queueDelete("test.replies");
            ch.queueDeclare("test.replies", true, false, false, null);
            try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
                for (String id : ids()) {
                    ch.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().correlationId(id)
                            .replyTo("test.replies").deliveryMode(2).build(), "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> served() >= 3);
                servedAtKill = served();
                first.kill9();
            }
            try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"))) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    GetResponse r;
                    while ((r = ch.basicGet("test.replies", true)) != null) {
                        record(r.getProps().getCorrelationId(), new String(r.getBody(), StandardCharsets.UTF_8));
                    }
                    return replies.size() >= REQUESTS;
                });
                // A duplicate reply would come right after the others; give it a moment before counting.
                await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
                GetResponse extra;
                while ((extra = ch.basicGet("test.replies", true)) != null) {
                    record(extra.getProps().getCorrelationId(), new String(extra.getBody(), StandardCharsets.UTF_8));
                }
                new RabbitBroker(RabbitFrontDoorTest.settings(dir)).deadLetters().list().forEach(d -> deadLetters.add(d.id()));
            }
            ch.queueDelete("test.replies");
        } finally {
            RabbitFrontDoorTest.deleteQueues();
        }
        assertNothingLost(servedAtKill);
    }
}
