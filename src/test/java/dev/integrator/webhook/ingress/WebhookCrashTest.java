package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.integrator.queue.ChildRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code integrator run} while a bounded burst of 200 signed GitHub deliveries arrives on loopback: after a
 * restart, every delivery answered 2xx is on the event queue, and every one not answered 2xx, sent again as GitHub's
 * redelivery would be, is there too. Counted by delivery id; duplicates are reported, never a loss.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookCrashTest {

    static final int EVENTS = 200;
    static final String QUEUE = "integrator.events.github.issues";
    static final int KILL_AFTER = 40;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> queued = new HashMap<>();

    private Map<String, String> env(int webhookPort, Map<String, String> broker) {
        Map<String, String> env = new HashMap<>(broker);
        env.put("INTEGRATOR_HOME", Path.of(".").toAbsolutePath().normalize().toString());
        env.put("INTEGRATOR_DATA_DIR", dir.resolve("data").toString());
        env.put("INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
        env.put("GITHUB_WEBHOOK_SECRET", GitHubIngressTest.SECRET);
        env.put(WebhookIngress.PORT_ENV, String.valueOf(webhookPort));
        return env;
    }

    private static List<String> ids() {
        return IntStream.range(0, EVENTS).mapToObj(i -> "crash-" + i).toList();
    }

    /** Posts one delivery; true when it was answered 2xx. A refused connection or a cut answer is not. */
    private boolean send(int port, String id, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/webhooks/github"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Signing.github(GitHubIngressTest.SECRET, "issues", id, body).forEach(request::header);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (Exception e) {
            return false;
        }
    }

    /** The burst: 8 senders, the child killed once {@value #KILL_AFTER} deliveries were answered 2xx. */
    private void burstAndKill(ChildRun child, int port, byte[] body) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        for (String id : ids()) {
            senders.execute(() -> {
                if (send(port, id, body)) {
                    answered.add(id);
                    ok.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> ok.get() >= KILL_AFTER);
        child.kill9();
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** What a provider does for every delivery it did not see answered 2xx: send it again. */
    private void resendUnanswered(int port, byte[] body) {
        for (String id : ids()) {
            if (!answered.contains(id)) {
                assertThat(send(port, id, body)).as("resent " + id).isTrue();
            }
        }
    }

    private void count(JsonNode message) {
        String deliveryId = message.path("meta").path("deliveryId").asText();
        queued.merge(deliveryId.substring(deliveryId.indexOf(':') + 1), 1, Integer::sum);
    }

    private void assertNothingLost(int answeredBeforeKill) {
        int duplicates = queued.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf("webhook crash: %d deliveries, %d answered 2xx before the kill, %d resent, %d on the queue "
                + "(%d duplicate)%n",
                EVENTS, answeredBeforeKill, EVENTS - answeredBeforeKill, queued.values().stream()
                        .mapToInt(Integer::intValue).sum(),
                duplicates);
        assertThat(answeredBeforeKill).as("some deliveries were not answered when the process died").isLessThan(EVENTS);
        assertThat(queued.keySet()).containsExactlyInAnyOrderElementsOf(ids());
    }

    @Test
    void artemis_every_delivery_answered_2xx_is_queued_after_a_kill_9_and_the_others_once_resent() throws Exception {
        int port = IngressUnderTest.freePort();
        int artemis = IngressUnderTest.freePort();
        Map<String, String> env = env(port, Map.of("INTEGRATOR_ARTEMIS_PORT", String.valueOf(artemis)));
        byte[] body = GitHubIngressTest.body(GitHubIngressTest.fixture("github.events.issues.v1", "good", "opened"));
        try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
            burstAndKill(first, port, body);
        }
        int answeredBeforeKill = answered.size();
        try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"))) {
            resendUnanswered(port, body);
            try (ActiveMQConnectionFactory client = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + artemis)) {
                ArtemisEvents.drain(client, QUEUE).forEach(this::count);
            }
        }
        assertNothingLost(answeredBeforeKill);
    }

    @Test
    void rabbitmq_every_delivery_answered_2xx_is_queued_after_a_kill_9_and_the_others_once_resent() throws Exception {
        RabbitVhost.require();
        RabbitVhost.delete(List.of(QUEUE));
        int port = IngressUnderTest.freePort();
        Map<String, String> env = env(port, Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitVhost.url(),
                "INTEGRATOR_ARTEMIS_PORT", String.valueOf(IngressUnderTest.freePort())));
        byte[] body = GitHubIngressTest.body(GitHubIngressTest.fixture("github.events.issues.v1", "good", "opened"));
        try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
            burstAndKill(first, port, body);
        }
        int answeredBeforeKill = answered.size();
        try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"));
                Connection c = RabbitVhost.connect("webhook-crash-test"); Channel ch = c.createChannel()) {
            resendUnanswered(port, body);
            RabbitVhost.drain(ch, QUEUE).forEach(this::count);
        } finally {
            RabbitVhost.delete(List.of(QUEUE));
        }
        assertNothingLost(answeredBeforeKill);
    }
}
