package dev.integrator.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import dev.integrator.observe.Health;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RabbitMQ as the scale-out broker: competing instances, and consumers that survive a broker restart. */
// Child JVMs, broker restarts and external processes take longer than the suite's default per-test timeout.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RabbitScaleOutTest extends GitHubStub {

    private static final byte[] REQUEST = "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ConnectionFactory factory;

    @BeforeEach
    void rabbit() throws Exception {
        RabbitAvailable.require();
        factory = new ConnectionFactory();
        factory.setUri(RabbitAvailable.URL);
        try (Connection c = factory.newConnection("scale-test")) {
            RabbitFrontDoorTest.fresh(c).close();
        }
    }

    private static void send(Channel ch, String id, String replyTo) throws Exception {
        ch.basicPublish("", "integrator.github.repos.get",
                new AMQP.BasicProperties.Builder().correlationId(id).replyTo(replyTo).deliveryMode(2).build(), REQUEST);
    }

    @Test
    void two_instances_consume_the_same_queues_as_competing_consumers() throws Exception {
        WireMockServer other = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        other.start();
        try {
            github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson()).withFixedDelay(100)));
            other.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson()).withFixedDelay(100)));
            Map<String, String> env = new HashMap<>(Map.of("INTEGRATOR_HOME", Path.of(".").toAbsolutePath().normalize().toString(),
                    "INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL, "INTEGRATOR_CONSUMERS", "1",
                    "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()));
            Map<String, String> first = new HashMap<>(env);
            first.put("GITHUB_BASE_URL", github.baseUrl());
            Map<String, String> second = new HashMap<>(env);
            second.put("GITHUB_BASE_URL", other.baseUrl());
            try (ChildRun a = ChildRun.start(first, dir.resolve("a.log")); ChildRun b = ChildRun.start(second, dir.resolve("b.log"));
                    Connection c = factory.newConnection("scale-test"); Channel ch = c.createChannel()) {
                String replies = ch.queueDeclare().getQueue();
                for (int i = 0; i < 40; i++) {
                    send(ch, "share-" + i, replies);
                }
                Set<String> answered = new HashSet<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    GetResponse r;
                    while ((r = ch.basicGet(replies, true)) != null) {
                        answered.add(r.getProps().getCorrelationId());
                    }
                    return answered.size() == 40;
                });
            }
            int servedByA = github.getAllServeEvents().size();
            int servedByB = other.getAllServeEvents().size();
            System.out.printf("competing consumers: instance A served %d, instance B served %d%n", servedByA, servedByB);
            assertThat(servedByA + servedByB).isEqualTo(40);
            assertThat(servedByA).isPositive();
            assertThat(servedByB).isPositive();
        } finally {
            other.stop();
        }
    }

    @Test
    void consumers_reconnect_and_continue_after_the_broker_restarts() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        try (QueueFrontDoor door = QueueFrontDoor.start(integrator, RabbitFrontDoorTest.settings(dir))) {
            assertThat(roundTrip("before")).isTrue();
            Health health = new Health(() -> integrator.camel().getStatus().isStarted(), integrator.operations()::breakerStates,
                    door.broker());
            assertThat(health.readiness().up()).as("ready with RabbitMQ up").isTrue();

            RabbitAvailable.rabbitmqctl("stop_app");
            try {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> !health.readiness().up());
                assertThat(Json.MAPPER.valueToTree(health.readiness().body()).at("/checks/broker/status").asText()).isEqualTo("DOWN");
            } finally {
                RabbitAvailable.rabbitmqctl("start_app"); // whatever failed above, the broker is left running for the next test
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> factory.newConnection("probe").isOpen());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> health.readiness().up());
            assertThat(roundTrip("after")).as("a request after the restart is answered").isTrue();
        }
    }

    private boolean roundTrip(String id) throws Exception {
        try (Connection c = factory.newConnection("scale-test"); Channel ch = c.createChannel()) {
            String replies = ch.queueDeclare().getQueue();
            send(ch, id, replies);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                GetResponse r = ch.basicGet(replies, true);
                if (r != null) {
                    return id.equals(r.getProps().getCorrelationId());
                }
                await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
            }
            return false;
        }
    }
}
