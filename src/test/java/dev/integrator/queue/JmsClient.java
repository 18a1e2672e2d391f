package dev.integrator.queue;

import dev.integrator.json.Json;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A JMS client of the embedded Artemis, over its loopback TCP port. */
final class JmsClient implements BrokerClient {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    /** Temporary queues are found by their object, not their name. */
    private final Map<String, Queue> replyQueues = new HashMap<>();

    JmsClient(ActiveMQConnectionFactory factory) throws Exception {
        this.factory = factory;
        this.connection = factory.createConnection();
        connection.start();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public String replyQueue() throws Exception {
        Queue queue = session.createTemporaryQueue();
        replyQueues.put(queue.getQueueName(), queue);
        return queue.getQueueName();
    }

    /** It holds one message and fails every send beyond it. */
    @Override
    public String refusingReplyQueue() throws Exception {
        String name = replyQueue();
        session.createProducer(replyQueues.get(name)).send(session.createTextMessage("filler"));
        manage("addAddressSettings", name, "{\"maxSizeMessages\":1,\"addressFullMessagePolicy\":\"FAIL\"}");
        return name;
    }

    /** A message id is the JMS provider's to set: the request's own is ignored. */
    @Override
    public void send(String queue, Request request) throws Exception {
        TextMessage message = session.createTextMessage(request.body());
        if (request.replyTo() != null) {
            message.setJMSReplyTo(replyQueues.get(request.replyTo()));
        }
        message.setJMSCorrelationID(request.correlationId());
        session.createProducer(session.createQueue(queue)).send(message);
    }

    @Override
    public Reply receive(String replyQueue, Duration wait) throws Exception {
        try (MessageConsumer consumer = session.createConsumer(replyQueues.get(replyQueue))) {
            TextMessage reply = (TextMessage) consumer.receive(wait.toMillis());
            return reply == null ? null : new Reply(reply.getJMSCorrelationID(), Json.MAPPER.readTree(reply.getText()));
        }
    }

    /** Artemis creates the queue at the send; the front door notices it and answers. */
    @Override
    public String refusalOfUnknownOperation(String queue, Request request) throws Exception {
        send(queue, request);
        Reply reply = receive(request.replyTo(), Duration.ofSeconds(15));
        return reply == null ? null : reply.envelope().path("error").path("message").asText();
    }

    @Override
    public int handBackEveryDelivery(String queue) throws Exception {
        try (Connection c = factory.createConnection(); Session tx = c.createSession(true, Session.SESSION_TRANSACTED)) {
            c.start();
            MessageConsumer consumer = tx.createConsumer(tx.createQueue(queue));
            int deliveries = 0;
            while (consumer.receive(2000) != null) {
                deliveries++;
                tx.rollback();
            }
            return deliveries;
        }
    }

    /** The address holds one message and fails every send beyond it; each test's broker is discarded after it. */
    @Override
    public FullDeadLetterQueue refuseDeadLetters() throws Exception {
        TextMessage filler = session.createTextMessage("filler");
        filler.setStringProperty("filler", "yes");
        session.createProducer(session.createQueue(QueueSettings.DLQ)).send(filler);
        manage("addAddressSettings", QueueSettings.DLQ, "{\"maxSizeMessages\":1,\"addressFullMessagePolicy\":\"FAIL\"}");
        return new FullDeadLetterQueue() {
            @Override
            public void takeFiller() throws Exception {
                try (MessageConsumer taker = session.createConsumer(session.createQueue(QueueSettings.DLQ), "filler = 'yes'")) {
                    if (taker.receive(5000) == null) {
                        throw new IllegalStateException("the filler of " + QueueSettings.DLQ + " is not there to take");
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** One operation of the broker's management API, over a client connection as an operator's tool would call it. */
    private void manage(String operation, Object... args) throws Exception {
        try (QueueConnection c = factory.createQueueConnection();
                QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            QueueRequestor requestor = new QueueRequestor(s, s.createQueue("activemq.management"));
            Message request = s.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, operation, args);
            Message reply = requestor.request(request);
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(operation + " failed: " + JMSManagementHelper.getResult(reply));
            }
        }
    }

    /** Nothing to empty: each test's embedded broker journals into a folder of its own. */
    @Override
    public void purge() {
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
