package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.integrator.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The front-door scenarios on the local RabbitMQ, driven by the plain AMQP 0-9-1 client, and what is RabbitMQ's own:
 * a message id as correlation id, a reply-to naming an exchange, a delivery limit of one.
 */
class RabbitFrontDoorTest extends FrontDoorScenarios {

    /**
     * The queues a front door over the project's operations declares, one per route of the committed route files
     * (whatever providers they hold), the dead-letter queue last.
     */
    static final List<String> QUEUES = projectQueues();

    private static List<String> projectQueues() {
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            List<String> queues = new ArrayList<>();
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Files.readAllLines(f).stream().map(String::trim).filter(line -> line.startsWith("routeId:"))
                        .map(line -> QueueSettings.queueOf(line.substring("routeId:".length()).trim())).forEach(queues::add);
            }
            queues.add(QueueSettings.DLQ);
            return List.copyOf(queues);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Channel channel;

    static QueueSettings settings(Path data) {
        return QueueSettings.fromEnv(data, Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL,
                "INTEGRATOR_MAX_MESSAGE_BYTES", String.valueOf(MAX_MESSAGE_BYTES)));
    }

    /** Starts from empty queues: the front door declares them again. */
    static Channel fresh(Connection connection) throws Exception {
        Channel ch = connection.createChannel();
        for (String queue : QUEUES) {
            ch.queueDelete(queue);
        }
        return ch;
    }

    /** Deletes the front door's queues, messages and all: RabbitMQ keeps them from one run to the next. */
    static void deleteQueues() throws Exception {
        try (AmqpClient amqp = new AmqpClient(allQueues())) {
            amqp.purge();
        }
    }

    /** What a run may declare: the project's queues, and Acme's for the scenarios of a provider that takes keys. */
    private static List<String> allQueues() {
        return Stream.concat(QUEUES.stream(), KEYED_QUEUES.stream()).toList();
    }

    @Override
    protected void startBroker(Path data) throws Exception {
        RabbitAvailable.require();
        AmqpClient amqp = new AmqpClient(allQueues());
        client = amqp;
        channel = amqp.channel();
        client.purge();
        door = QueueFrontDoor.start(integrator, settings(data));
    }

    @Override
    protected void stopBroker() throws Exception {
        if (door != null) {
            door.close();
        }
        if (client != null) {
            client.purge();
            client.close();
        }
    }

    /** The broker's own reply text for a mandatory publish it could not route. */
    @Override
    protected String unknownOperationRefusal(String operation) {
        return "NO_ROUTE";
    }

    @Override
    protected int maxDeliveries() {
        return settings(data).maxDeliveries();
    }

    @Test
    void a_delivery_limit_of_one_dead_letters_a_message_at_its_first_unacknowledged_delivery() throws Exception {
        // RabbitMQ counts redeliveries: a limit of one delivery is declared as no redelivery at all.
        door.close();
        client.purge();
        restart(settings(), env());
        Map<String, String> env = new HashMap<>(Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL,
                "INTEGRATOR_MAX_DELIVERIES", "1"));
        door = QueueFrontDoor.start(integrator, QueueSettings.fromEnv(data, env));
        integrator.camel().getRouteController().stopRoute("queue." + operation().queue());
        client.send(operation().queue(), BrokerClient.Request.fireAndForget("m-once", "{\"owner\":\"a\",\"repo\":\"b\"}"));

        assertThat(client.handBackEveryDelivery(operation().queue())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list())
                .extracting(Broker.DeadLetter::id).containsExactly("m-once"));
    }

    @Test
    void a_keyed_write_in_a_message_with_neither_message_id_nor_correlation_id_is_refused_unrun_and_not_dead_lettered()
            throws Exception {
        restartOnKeyedProvider();
        String replies = client.replyQueue();

        client.send(QueueSettings.queueOf(KEYED_WRITE), new BrokerClient.Request(KEYED_REQUEST, replies, null, null));
        client.send(QueueSettings.queueOf(KEYED_WRITE), new BrokerClient.Request(
                KEYED_REQUEST.replace("{", "{\"idempotencyKey\": \"order-99\", "), replies, null, null));

        List<JsonNode> answers = List.of(client.receive(replies, Duration.ofSeconds(15)).envelope(),
                client.receive(replies, Duration.ofSeconds(15)).envelope());
        JsonNode refused = answers.stream().filter(a -> !a.path("ok").asBoolean()).findFirst().orElseThrow();
        JsonNode keyed = answers.stream().filter(a -> a.path("ok").asBoolean()).findFirst().orElseThrow();
        assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(refused.path("error").path("message").asText()).isEqualTo("a write to acme from a queue needs a message_id or"
                + " correlation_id, or an idempotencyKey parameter, so that a redelivery cannot repeat it");
        assertThat(keysSent()).as("only the request with the caller's key ran").containsExactly("order-99");
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_client_that_sent_only_a_message_id_gets_it_back_as_the_reply_correlation_id() throws Exception {
        upstreamAnswers(operation().ok());
        String replies = channel.queueDeclare().getQueue();

        channel.basicPublish("", operation().queue(), new AMQP.BasicProperties.Builder().replyTo(replies).messageId("only-id").build(),
                operation().request().getBytes(StandardCharsets.UTF_8));

        GetResponse reply = await().atMost(Duration.ofSeconds(15)).until(() -> channel.basicGet(replies, true), r -> r != null);
        assertThat(reply.getProps().getCorrelationId()).isEqualTo("only-id");
        assertThat(Json.MAPPER.readTree(reply.getBody()).path("meta").path("correlationId").asText()).isEqualTo("only-id");
    }

    @Test
    void a_reply_to_naming_an_exchange_gets_no_reply_there_and_the_request_is_dead_lettered_unrun() throws Exception {
        upstreamAnswers(operation().ok());
        String key = "reply-probe-" + UUID.randomUUID();
        String probe = channel.queueDeclare().getQueue();
        channel.queueBind(probe, "amq.direct", key);

        channel.basicPublish("", operation().queue(), new AMQP.BasicProperties.Builder().replyTo("amq.direct/" + key)
                .correlationId("r-x").build(), operation().request().getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("reply-to 'amq.direct/" + key
                        + "' names an exchange; replies go only to a queue name, through the default exchange")));
        assertThat(channel.basicGet(probe, true)).as("nothing published into the exchange").isNull();
        assertThat(requests()).as("the operation did not run").isEmpty();
    }
}
