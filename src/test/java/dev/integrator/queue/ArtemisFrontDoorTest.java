package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The front-door scenarios on the embedded Artemis, driven by a JMS client over its loopback TCP port, and what is
 * Artemis's own: the dead letter of an unknown operation, a client's queue under the prefix, the broker's address
 * settings, its size limit at the send, and ObjectMessage.
 */
class ArtemisFrontDoorTest extends FrontDoorScenarios {

    private static final int MAX_DELIVERIES = 3;

    private ArtemisOnLoopback artemis;
    private ActiveMQConnectionFactory jms;
    private Connection connection;
    private Session session;

    @Override
    protected void startBroker(Path data) throws Exception {
        artemis = ArtemisOnLoopback.start(integrator, data, Map.of("INTEGRATOR_MAX_MESSAGE_BYTES", String.valueOf(MAX_MESSAGE_BYTES),
                "INTEGRATOR_MAX_DELIVERIES", String.valueOf(MAX_DELIVERIES)));
        door = artemis.door();
        jms = artemis.client();
        client = new JmsClient(jms);
        connection = jms.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    protected void stopBroker() throws Exception {
        connection.close();
        client.close();
        artemis.close();
    }

    @Override
    protected String unknownOperationRefusal(String operation) {
        return "unknown operation '" + operation + "'";
    }

    @Override
    protected int maxDeliveries() {
        return MAX_DELIVERIES;
    }

    @Test
    void a_request_for_an_unknown_operation_is_dead_lettered_and_counted_under_one_tag() throws Exception {
        String queue = QueueSettings.queueOf(UNKNOWN_OPERATION);
        JsonNode envelope = requestReply(queue, operation().request(), "corr-6");

        assertThat(envelope.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(door.broker().deadLetters().list()).singleElement().satisfies(d -> {
            assertThat(d.queue()).isEqualTo(queue);
            assertThat(d.reason()).isEqualTo(unknownOperationRefusal(UNKNOWN_OPERATION));
        });
        assertThat(integrator.meterRegistry().get("integrator.queue.messages").tag("queue", "unknown").tag("outcome", "dead_lettered")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void a_client_reply_queue_under_the_prefix_is_left_to_the_client() throws Exception {
        upstreamAnswers(operation().ok());
        Queue replies = session.createQueue("integrator.replies");
        try (MessageConsumer consumer = session.createConsumer(replies)) {
            for (int i = 0; i < 4; i++) {
                TextMessage request = session.createTextMessage(operation().request());
                request.setJMSReplyTo(replies);
                request.setJMSCorrelationID("mine-" + i);
                session.createProducer(session.createQueue(operation().queue())).send(request);
                TextMessage reply = (TextMessage) consumer.receive(15_000);
                assertThat(reply).as("reply " + i + " reaches the client").isNotNull();
                assertThat(Json.MAPPER.readTree(reply.getText()).path("ok").asBoolean()).isTrue();
            }
        }

        assertThat(integrator.camel().getRoute("queue.integrator.replies")).as("no consumer of ours on the client's queue").isNull();
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_dead_letter_the_broker_refuses_rolls_the_request_back_until_the_dead_letter_queue_takes_it() throws Exception {
        // A real refusal: the dead-letter address holds one message and fails every send beyond it.
        TextMessage filler = session.createTextMessage("filler");
        filler.setStringProperty("filler", "yes");
        session.createProducer(session.createQueue(QueueSettings.DLQ)).send(filler);
        manage("addAddressSettings", QueueSettings.DLQ, "{\"maxSizeMessages\":1,\"addressFullMessagePolicy\":\"FAIL\"}");

        session.createProducer(session.createQueue(operation().queue())).send(session.createTextMessage("not json"));

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger frontDoor = (Logger) LoggerFactory.getLogger(FrontDoor.class);
        frontDoor.addAppender(log);
        try {
            var consumed = integrator.meterRegistry().counter("integrator.queue.messages", "queue", operation().queue(), "outcome", "consumed");
            await().atMost(Duration.ofSeconds(15)).until(() -> consumed.count() >= 2);
        } finally {
            frontDoor.detachAppender(log);
        }
        assertThat(door.broker().deadLetters().list()).as("only the filler").hasSize(1);
        assertThat(log.list).as("the refusal is logged").anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("the broker did not take the dead letter for a request on " + operation().queue()));

        try (MessageConsumer taker = session.createConsumer(session.createQueue(QueueSettings.DLQ), "filler = 'yes'")) {
            assertThat(taker.receive(5000)).as("the filler is taken away").isNotNull();
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("request body is not JSON")));
    }

    /** One operation of the broker's management API, over the client connection as an operator's tool would call it. */
    private void manage(String operation, Object... args) throws Exception {
        try (QueueConnection c = jms.createQueueConnection(); QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            QueueRequestor requestor = new QueueRequestor(s, s.createQueue("activemq.management"));
            jakarta.jms.Message request = s.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, args);
            jakarta.jms.Message reply = requestor.request(request);
            assertThat(JMSManagementHelper.hasOperationSucceeded(reply)).as(operation + ": " + JMSManagementHelper.getResult(reply)).isTrue();
        }
    }

    @Test
    void a_request_far_over_the_size_limit_is_refused_by_the_broker_and_never_reaches_the_front_door() throws Exception {
        var producer = session.createProducer(session.createQueue(operation().queue()));
        // One under the broker's large-message threshold, one over it (sent in chunks).
        for (int size : new int[] {40_000, 300_000}) {
            TextMessage huge = session.createTextMessage("{\"owner\":\"" + "a".repeat(size) + "\"}");
            assertThatThrownBy(() -> producer.send(huge)).as(size + " bytes").isInstanceOf(JMSException.class)
                    .hasMessageContaining("over the limit");
        }

        assertThat(integrator.meterRegistry().find("integrator.queue.messages").tag("outcome", "consumed").counters()).isEmpty();
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_java_serialized_object_is_never_deserialized_and_gets_an_error_reply_and_a_dead_letter() throws Exception {
        Queue replies = session.createTemporaryQueue();
        ObjectMessage request = session.createObjectMessage(new Gadget());
        request.setJMSReplyTo(replies);
        request.setJMSCorrelationID("corr-object");
        session.createProducer(session.createQueue(operation().queue())).send(request);

        try (MessageConsumer consumer = session.createConsumer(replies)) {
            TextMessage reply = (TextMessage) consumer.receive(15_000);
            assertThat(reply).as("a reply on reply-to").isNotNull();
            assertThat(Gadget.DESERIALIZED).as("no Java deserialization of a message from the wire").isFalse();
            JsonNode envelope = Json.MAPPER.readTree(reply.getText());
            assertThat(envelope.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(envelope.path("error").path("message").asText()).contains("ObjectMessage");
        }
        assertThat(door.broker().deadLetters().list()).singleElement().satisfies(d -> assertThat(d.reason()).contains("ObjectMessage"));
    }

    /** Stands for a deserialization gadget: reading it back runs code. */
    static final class Gadget implements Serializable {
        static volatile boolean DESERIALIZED;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED = true;
        }
    }
}
