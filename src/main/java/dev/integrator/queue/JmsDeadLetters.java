package dev.integrator.queue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The dead-letter queue over JMS: listing browses without consuming; a replay moves a message back to its
 * queue in one local transaction (the send and the removal commit together, so nothing is lost or doubled).
 */
final class JmsDeadLetters implements Broker.DeadLetters {

    private static final String ARTEMIS_ORIGIN = ArtemisBroker.ARTEMIS_ORIGIN;

    private final ConnectionFactory factory;

    JmsDeadLetters(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Broker.Page page(int offset, int limit) {
        try (Connection c = factory.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            List<Broker.DeadLetter> letters = new ArrayList<>();
            int total = 0;
            // A browser streams the queue: only the page is kept, the rest is counted.
            try (QueueBrowser browser = s.createBrowser(s.createQueue(QueueSettings.DLQ))) {
                Enumeration<?> all = browser.getEnumeration();
                while (all.hasMoreElements()) {
                    jakarta.jms.Message m = (jakarta.jms.Message) all.nextElement();
                    if (total >= offset && letters.size() < limit) {
                        letters.add(describe(m));
                    }
                    total++;
                }
            }
            return new Broker.Page(letters, total);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + QueueSettings.DLQ + ": " + e.getMessage(), e);
        }
    }

    /**
     * Browses first, so that a dead letter without its queue is never taken; then moves each of the others by its
     * id, in a transaction of its own.
     */
    @Override
    public Broker.Replay replay(String id) {
        try (Connection c = factory.createConnection(); Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            c.start();
            Queue dlq = s.createQueue(QueueSettings.DLQ);
            List<String> movable = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            try (QueueBrowser browser = s.createBrowser(dlq, id == null ? null : selector(id))) {
                Enumeration<?> all = browser.getEnumeration();
                while (all.hasMoreElements()) {
                    jakarta.jms.Message m = (jakarta.jms.Message) all.nextElement();
                    (origin(m) == null ? skipped : movable).add(m.getJMSMessageID());
                }
            }
            int moved = 0;
            for (String each : movable) {
                try (MessageConsumer consumer = s.createConsumer(dlq, selector(each))) {
                    jakarta.jms.Message m = consumer.receive(500);
                    if (m == null) {
                        continue; // taken meanwhile, by another replay
                    }
                    s.createProducer(s.createQueue(origin(m))).send(copy(s, m));
                    s.commit();
                    moved++;
                }
            }
            return new Broker.Replay(moved, skipped);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot replay from " + QueueSettings.DLQ + ": " + e.getMessage(), e);
        }
    }

    private static String selector(String id) {
        return "JMSMessageID = '" + id.replace("'", "''") + "'";
    }

    /** The body, reply-to and correlation id travel back; the failure bookkeeping does not. */
    private static jakarta.jms.Message copy(Session s, jakarta.jms.Message m) throws JMSException {
        jakarta.jms.Message copy;
        if (m instanceof TextMessage t) {
            copy = s.createTextMessage(t.getText());
        } else if (m instanceof BytesMessage b) {
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            BytesMessage out = s.createBytesMessage();
            out.writeBytes(bytes);
            copy = out;
        } else {
            throw new JMSException("unsupported message type " + m.getClass().getSimpleName());
        }
        copy.setJMSCorrelationID(m.getJMSCorrelationID());
        copy.setJMSReplyTo(m.getJMSReplyTo());
        return copy;
    }

    private static String origin(jakarta.jms.Message m) throws JMSException {
        String queue = m.getStringProperty(FrontDoor.QUEUE_PROPERTY);
        return queue != null ? queue : m.getStringProperty(ARTEMIS_ORIGIN);
    }

    private static Broker.DeadLetter describe(jakarta.jms.Message m) throws JMSException {
        String reason = m.getStringProperty(FrontDoor.REASON_PROPERTY);
        if (reason == null && m.propertyExists(ARTEMIS_ORIGIN)) {
            reason = "moved by the broker after too many deliveries without acknowledgement (the consumer failed or crashed on it)";
        }
        int bytes = m instanceof BytesMessage b ? (int) b.getBodyLength() : m instanceof TextMessage t && t.getText() != null ? t.getText().length() : 0;
        return new Broker.DeadLetter(m.getJMSMessageID(), origin(m), reason, m.getStringProperty(FrontDoor.FAILED_AT_PROPERTY), bytes);
    }
}
