package dev.integrator.webhook.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;

/** Reads what the ingress put on an Artemis queue, as a consumer of the events would. */
final class ArtemisEvents {

    private ArtemisEvents() {
    }

    /** Consumes every message on the queue now: waits up to a second for each next one. */
    static List<JsonNode> drain(ConnectionFactory factory, String queue) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        try (Connection c = factory.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
            c.start();
            Message m;
            while ((m = consumer.receive(1000)) != null) {
                BytesMessage bytes = (BytesMessage) m;
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                messages.add(Json.MAPPER.readTree(body));
            }
        }
        return messages;
    }
}
