package dev.integrator.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue front door on the local RabbitMQ, driven by the plain AMQP 0-9-1 client. */
class RabbitFrontDoorTest extends GitHubStub {

    @TempDir
    Path data;

    private static final String DLQ_FULL = "integrator-test-dlq-full";

    private QueueFrontDoor door;
    private Connection connection;
    private Channel channel;

    static QueueSettings settings(Path data) {
        return QueueSettings.fromEnv(data, Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL,
                "INTEGRATOR_MAX_MESSAGE_BYTES", "2000"));
    }

    /** Starts from empty queues: the front door declares them again. */
    static Channel fresh(Connection connection) throws Exception {
        Channel ch = connection.createChannel();
        for (String op : new String[] {"github.issues.create", "github.issues.get", "github.issues.list", "github.labels.create",
                "github.repos.get", "github.search.issues", "DLQ"}) {
            ch.queueDelete("integrator." + op);
        }
        return ch;
    }

    @BeforeEach
    void startFrontDoor() throws Exception {
        RabbitAvailable.require();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(RabbitAvailable.URL);
        connection = f.newConnection("integrator-test");
        channel = fresh(connection);
        door = QueueFrontDoor.start(integrator, settings(data));
    }

    @AfterEach
    void stopFrontDoor() throws Exception {
        if (door != null) {
            door.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private JsonNode requestReply(String queue, String body, String correlationId) throws Exception {
        String replies = channel.queueDeclare().getQueue();
        BlockingQueue<AMQP.BasicProperties> props = new ArrayBlockingQueue<>(1);
        BlockingQueue<String> bodies = new ArrayBlockingQueue<>(1);
        channel.basicConsume(replies, true, (tag, d) -> {
            props.add(d.getProperties());
            bodies.add(new String(d.getBody(), StandardCharsets.UTF_8));
        }, tag -> { });
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().replyTo(replies).correlationId(correlationId).build(),
                body.getBytes(StandardCharsets.UTF_8));
        String reply = bodies.poll(15, TimeUnit.SECONDS);
        assertThat(reply).as("a reply on reply-to").isNotNull();
        assertThat(props.poll().getCorrelationId()).isEqualTo(correlationId);
        return Json.MAPPER.readTree(reply);
    }

    @Test
    void a_request_gets_the_ok_envelope_on_reply_to_with_its_correlation_id() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        JsonNode envelope = requestReply("integrator.github.repos.get", "{\"owner\":\"apache\",\"repo\":\"camel\"}", "r-1");

        assertThat(envelope.path("ok").asBoolean()).isTrue();
        assertThat(envelope.path("meta").path("correlationId").asText()).isEqualTo("r-1");
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_malformed_request_gets_an_error_reply_and_a_dead_letter_with_the_reason() throws Exception {
        JsonNode envelope = requestReply("integrator.github.repos.get", "[1, 2", "r-2");

        assertThat(envelope.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(door.broker().deadLetters().list()).singleElement().satisfies(d -> {
            assertThat(d.queue()).isEqualTo("integrator.github.repos.get");
            assertThat(d.reason()).isEqualTo("request body is not JSON");
        });
        assertThat(requests()).isEmpty();
    }

    @Test
    void a_failure_with_nobody_to_tell_is_dead_lettered_and_a_replay_processes_it_again() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(jsonResponse(Map.of("message", "Not Found"), 404)));
        channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().messageId("m-3").build(),
                "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(15)).until(() -> door.broker().deadLetters().list().size() == 1);
        Broker.DeadLetter letter = door.broker().deadLetters().list().get(0);
        assertThat(letter.reason()).isEqualTo("failed with NOT_FOUND and the request has no reply-to");

        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        assertThat(door.broker().deadLetters().replay(letter.id()).moved()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> github.countRequestsMatching(getRequestedFor(urlEqualTo("/repos/apache/camel"))
                .build()).getCount() == 2);
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_client_that_sent_only_a_message_id_gets_it_back_as_the_reply_correlation_id() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        String replies = channel.queueDeclare().getQueue();

        channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().replyTo(replies).messageId("only-id").build(),
                "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8));

        GetResponse reply = await().atMost(Duration.ofSeconds(15)).until(() -> channel.basicGet(replies, true), r -> r != null);
        assertThat(reply.getProps().getCorrelationId()).isEqualTo("only-id");
        assertThat(Json.MAPPER.readTree(reply.getBody()).path("meta").path("correlationId").asText()).isEqualTo("only-id");
    }

    @Test
    void a_reply_to_naming_an_exchange_gets_no_reply_there_and_the_request_is_dead_lettered_unrun() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        String key = "reply-probe-" + UUID.randomUUID();
        String probe = channel.queueDeclare().getQueue();
        channel.queueBind(probe, "amq.direct", key);

        channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().replyTo("amq.direct/" + key)
                .correlationId("r-x").build(), "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("reply-to 'amq.direct/" + key
                        + "' names an exchange; replies go only to a queue name, through the default exchange")));
        assertThat(channel.basicGet(probe, true)).as("nothing published into the exchange").isNull();
        assertThat(requests()).as("the operation did not run").isEmpty();
    }

    @Test
    void a_reply_the_broker_refuses_leaves_the_request_unacknowledged_until_the_delivery_limit_dead_letters_it() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        // The client's reply queue takes nothing: every publish to it is nacked.
        String full = channel.queueDeclare("", false, true, true, Map.of("x-max-length", 0, "x-overflow", "reject-publish")).getQueue();

        channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().replyTo(full).correlationId("r-full").build(),
                "{\"owner\":\"apache\",\"repo\":\"camel\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> {
                    assertThat(d.queue()).isEqualTo("integrator.github.repos.get");
                    assertThat(d.reason()).contains("delivered too often without being acknowledged");
                }));
    }

    @Test
    void a_dead_letter_the_broker_refuses_sends_the_request_back_until_the_dead_letter_queue_takes_it() throws Exception {
        // A real refusal: the dead-letter queue is over its length limit (a quorum queue refuses once over, not at it).
        channel.confirmSelect();
        channel.basicPublish("", QueueSettings.DLQ, new AMQP.BasicProperties.Builder().messageId("filler").build(), new byte[0]);
        channel.waitForConfirmsOrDie(5000);
        RabbitAvailable.rabbitmqctl("set_policy", "--apply-to", "queues", DLQ_FULL, "^integrator\\.DLQ$",
                "{\"max-length\":0,\"overflow\":\"reject-publish\"}");
        try {
            channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().messageId("m-5").build(),
                    "not json".getBytes(StandardCharsets.UTF_8));

            var consumed = integrator.meterRegistry().counter("integrator.queue.messages", "queue", "integrator.github.repos.get",
                    "outcome", "consumed");
            await().atMost(Duration.ofSeconds(15)).until(() -> consumed.count() >= 2);
            assertThat(door.broker().deadLetters().list()).extracting(Broker.DeadLetter::id).containsExactly("filler");

            // Listing hands the filler back when its channel closes: wait until it is there to take.
            GetResponse filler = await().atMost(Duration.ofSeconds(5)).until(() -> channel.basicGet(QueueSettings.DLQ, false), r -> r != null);
            assertThat(filler.getProps().getMessageId()).isEqualTo("filler");
            channel.basicAck(filler.getEnvelope().getDeliveryTag(), false);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("request body is not JSON")));
        } finally {
            RabbitAvailable.rabbitmqctl("clear_policy", DLQ_FULL);
        }
    }

    @Test
    void a_message_that_is_never_acknowledged_is_dead_lettered_by_the_delivery_limit() throws Exception {
        // A consumer that fails every time: it takes the message and hands it back, as a crash would.
        integrator.camel().getRouteController().stopRoute("queue.integrator.github.repos.get");
        channel.basicPublish("", "integrator.github.repos.get", new AMQP.BasicProperties.Builder().messageId("m-4").build(),
                "{\"owner\":\"a\",\"repo\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        int deliveries = 0;
        GetResponse r;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until && deliveries < 10) {
            r = channel.basicGet("integrator.github.repos.get", false);
            if (r == null) {
                if (!door.broker().deadLetters().list().isEmpty()) {
                    break;
                }
                continue;
            }
            deliveries++;
            channel.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
        }

        assertThat(deliveries).isBetween(5, 6);
        assertThat(door.broker().deadLetters().list()).singleElement().satisfies(d -> {
            assertThat(d.queue()).isEqualTo("integrator.github.repos.get");
            assertThat(d.reason()).contains("delivered too often without being acknowledged");
        });
    }
}
