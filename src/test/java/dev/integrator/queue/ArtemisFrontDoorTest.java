package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The front-door scenarios on the embedded Artemis, driven by a JMS client over its loopback TCP port, and what is
 * Artemis's own: the dead letter of an unknown operation, a client's queue under the prefix, the size limit at the
 * send, and ObjectMessage.
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
