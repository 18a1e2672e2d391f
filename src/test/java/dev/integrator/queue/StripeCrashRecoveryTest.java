package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.TempHome;
import dev.integrator.json.Json;
import dev.integrator.sandbox.StripeSandbox;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue request for stripe.payment_intents.create whose consumer is killed (kill -9) while Stripe holds the answer:
 * Stripe already created the payment intent. The broker redelivers the message to a new {@code integrator run}, which
 * sends the same idempotency key, and Stripe's stored answer comes back: one payment intent, one reply.
 */
// Child JVMs take longer than the suite's default per-test timeout.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class StripeCrashRecoveryTest {

    private static final String QUEUE = "integrator.stripe.payment_intents.create";
    private static final String REPLIES = "test.stripe-crash.replies";
    private static final String REQUEST = "{\"amount\": 2000, \"currency\": \"eur\", \"metadata\": {\"order\": \"crash-1\"}}";
    private static final String KEY = "stripe.payment_intents.create:stripe-crash-1";

    @TempDir
    Path dir;
    private final StripeSandbox stripe = StripeSandbox.start();

    @AfterEach
    void stop() {
        stripe.close();
    }

    private Map<String, String> childEnv(Map<String, String> broker) throws IOException {
        Map<String, String> env = new HashMap<>(broker);
        env.put("INTEGRATOR_HOME", TempHome.provider(dir.resolve("home"), "stripe").path().toString());
        env.put("STRIPE_BASE_URL", stripe.baseUrl());
        env.put("STRIPE_API_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
        env.put("INTEGRATOR_DATA_DIR", dir.resolve("data").toString());
        env.put("INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
        return env;
    }

    /** The first attempt reaches Stripe, which creates the intent and holds its answer until the consumer is dead. */
    private void killedMidCall(ChildRun child) throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> stripe.paymentIntentsCreated() == 1);
        child.kill9();
    }

    private void assertCreatedOnce(List<String> replies) throws IOException {
        assertThat(replies).as("one reply").hasSize(1);
        JsonNode envelope = Json.MAPPER.readTree(replies.get(0));
        assertThat(envelope.path("ok").asBoolean()).as(replies.get(0)).isTrue();
        assertThat(envelope.path("data").path("id").asText()).startsWith("pi_");
        assertThat(stripe.paymentIntentsCreated()).as("created once").isEqualTo(1);
        assertThat(stripe.keys()).as("the redelivery sent the first delivery's key").containsExactly(Map.entry(KEY, 2));
    }

    @Test
    void artemis_a_redelivered_create_whose_consumer_died_mid_call_creates_one_payment_intent() throws Exception {
        stripe.slowAfterCreate(Duration.ofSeconds(8), 1);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = childEnv(Map.of("INTEGRATOR_ARTEMIS_PORT", String.valueOf(port)));
        ActiveMQConnectionFactory client = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?reconnectAttempts=0");
        try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
            try (Connection c = client.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                TextMessage m = s.createTextMessage(REQUEST);
                m.setJMSCorrelationID("stripe-crash-1");
                m.setJMSReplyTo(s.createQueue(REPLIES));
                s.createProducer(s.createQueue(QUEUE)).send(m);
            }
            killedMidCall(first);
        }
        List<String> replies = new ArrayList<>();
        try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"));
                Connection c = client.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            try (MessageConsumer consumer = s.createConsumer(s.createQueue(REPLIES))) {
                TextMessage reply = (TextMessage) consumer.receive(60_000);
                if (reply != null) {
                    replies.add(reply.getText());
                    TextMessage extra;
                    while ((extra = (TextMessage) consumer.receive(1000)) != null) {
                        replies.add(extra.getText());
                    }
                }
            }
        }
        client.close();
        assertCreatedOnce(replies);
    }

    @Test
    void rabbitmq_a_redelivered_create_whose_consumer_died_mid_call_creates_one_payment_intent() throws Exception {
        RabbitAvailable.require();
        stripe.slowAfterCreate(Duration.ofSeconds(8), 1);
        Map<String, String> env = childEnv(Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", RabbitAvailable.URL));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RabbitAvailable.URL);
        List<String> replies = new ArrayList<>();
        try (com.rabbitmq.client.Connection c = factory.newConnection("stripe-crash-test"); Channel ch = c.createChannel()) {
            ch.queueDelete(QUEUE);
            ch.queueDelete(REPLIES);
            ch.queueDeclare(REPLIES, true, false, false, null);
            try {
                try (ChildRun first = ChildRun.start(env, dir.resolve("first.log"))) {
                    ch.basicPublish("", QUEUE, new AMQP.BasicProperties.Builder().correlationId("stripe-crash-1")
                            .replyTo(REPLIES).deliveryMode(2).build(), REQUEST.getBytes(StandardCharsets.UTF_8));
                    killedMidCall(first);
                }
                try (ChildRun second = ChildRun.start(env, dir.resolve("second.log"))) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                        GetResponse r;
                        while ((r = ch.basicGet(REPLIES, true)) != null) {
                            replies.add(new String(r.getBody(), StandardCharsets.UTF_8));
                        }
                        return !replies.isEmpty();
                    });
                    // A duplicate reply would come right after the first; give it a moment before counting.
                    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
                    GetResponse extra;
                    while ((extra = ch.basicGet(REPLIES, true)) != null) {
                        replies.add(new String(extra.getBody(), StandardCharsets.UTF_8));
                    }
                }
            } finally {
                for (String queue : List.of(REPLIES, "integrator.stripe.customers.create", "integrator.stripe.customers.get",
                        "integrator.stripe.customers.list", "integrator.stripe.customers.search", QUEUE,
                        "integrator.stripe.payment_intents.get", "integrator.stripe.payment_intents.confirm",
                        "integrator.stripe.payment_intents.cancel", "integrator.stripe.refunds.create")) {
                    ch.queueDelete(queue);
                }
            }
        }
        assertCreatedOnce(replies);
    }
}
