package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.integrator.cli.Main;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrator dlq list} and {@code dlq replay --all} as an operator runs them, against a real broker. */
class DeadLetterToolTest {

    @TempDir
    Path data;

    private record Run(int code, String out, String err) {
    }

    private static Run dlq(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "dlq";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void artemis_replay_all_skips_a_dead_letter_without_its_queue_says_so_and_moves_the_others() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("INTEGRATOR_HOME", data.toString(), "INTEGRATOR_DATA_DIR", data.toString(),
                "INTEGRATOR_ARTEMIS_PORT", String.valueOf(port));
        ArtemisBroker broker = new ArtemisBroker(QueueSettings.fromEnv(data, env), true);
        broker.start(List.of("integrator.github.repos.get"), queue -> { });
        try (Connection c = broker.connectionFactory().createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            MessageProducer dlq = s.createProducer(s.createQueue(QueueSettings.DLQ));
            dlq.send(s.createTextMessage("names no queue"));
            for (String body : new String[] {"first", "second"}) {
                TextMessage letter = s.createTextMessage(body);
                letter.setStringProperty(FrontDoor.QUEUE_PROPERTY, "integrator.github.repos.get");
                dlq.send(letter);
            }

            Run replay = dlq(env, "replay", "--all");

            assertThat(replay.code()).as(replay.err()).isZero();
            assertThat(replay.out()).contains("replayed 2 message(s), skipped 1");
            assertThat(replay.err()).contains("it does not name its queue, so it stays on integrator.DLQ");
            try (MessageConsumer back = s.createConsumer(s.createQueue("integrator.github.repos.get"))) {
                assertThat(((TextMessage) back.receive(5000)).getText()).isEqualTo("first");
                assertThat(((TextMessage) back.receive(5000)).getText()).isEqualTo("second");
            }
            assertThat(broker.deadLetters().list()).singleElement().satisfies(d -> assertThat(d.queue()).isNull());
        } finally {
            broker.close();
        }
    }

    @Test
    void rabbitmq_list_shows_the_oldest_page_with_the_count_and_leaves_every_dead_letter_in_place() throws Exception {
        RabbitAvailable.require();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(RabbitAvailable.URL);
        try (com.rabbitmq.client.Connection c = f.newConnection("dlq-tool-test"); Channel ch = emptyDeadLetterQueue(c)) {
            for (int i = 0; i < 105; i++) {
                publishDeadLetter(ch, "dl-" + i, "integrator.github.repos.get");
            }
            ch.waitForConfirmsOrDie(10_000);

            Run list = dlq(rabbit(), "list");

            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out().lines().filter(line -> line.startsWith("dl-"))).hasSize(Broker.DeadLetters.PAGE).first().asString()
                    .startsWith("dl-0 ");
            assertThat(list.out()).contains("the oldest 100 of 105 dead letter(s) on integrator.DLQ");
            await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive(QueueSettings.DLQ).getMessageCount() == 105);
            ch.queueDelete(QueueSettings.DLQ);
        }
    }

    @Test
    void rabbitmq_replay_all_skips_a_dead_letter_without_its_queue_says_so_and_moves_the_others() throws Exception {
        RabbitAvailable.require();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(RabbitAvailable.URL);
        String origin = "dlq-tool-test-" + UUID.randomUUID();
        try (com.rabbitmq.client.Connection c = f.newConnection("dlq-tool-test"); Channel ch = emptyDeadLetterQueue(c)) {
            ch.queueDeclare(origin, false, false, true, null);
            try {
                publishDeadLetter(ch, "orphan", null);
                publishDeadLetter(ch, "first", origin);
                publishDeadLetter(ch, "second", origin);
                ch.waitForConfirmsOrDie(10_000);

                Run replay = dlq(rabbit(), "replay", "--all");

                assertThat(replay.code()).as(replay.err()).isZero();
                assertThat(replay.out()).contains("replayed 2 message(s), skipped 1");
                assertThat(replay.err()).contains("skipped dead letter orphan: it does not name its queue");
                assertThat(ch.basicGet(origin, true).getProps().getMessageId()).isEqualTo("first");
                assertThat(ch.basicGet(origin, true).getProps().getMessageId()).isEqualTo("second");
                await().atMost(Duration.ofSeconds(10)).until(() -> ch.queueDeclarePassive(QueueSettings.DLQ).getMessageCount() == 1);
            } finally {
                ch.queueDelete(origin);
                ch.queueDelete(QueueSettings.DLQ);
            }
        }
    }

    private Map<String, String> rabbit() {
        return new HashMap<>(Map.of("INTEGRATOR_HOME", data.toString(), "INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL));
    }

    /** The dead-letter queue as the front door declares it, empty, on a channel with publisher confirms. */
    private static Channel emptyDeadLetterQueue(com.rabbitmq.client.Connection c) throws Exception {
        Channel ch = c.createChannel();
        ch.queueDelete(QueueSettings.DLQ);
        ch.queueDeclare(QueueSettings.DLQ, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.confirmSelect();
        return ch;
    }

    private static void publishDeadLetter(Channel ch, String id, String queue) throws Exception {
        Map<String, Object> headers = new HashMap<>(Map.of(FrontDoor.REASON_PROPERTY, "request body is not JSON"));
        if (queue != null) {
            headers.put(FrontDoor.QUEUE_PROPERTY, queue);
        }
        ch.basicPublish("", QueueSettings.DLQ, new AMQP.BasicProperties.Builder().messageId(id).headers(headers).build(),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
