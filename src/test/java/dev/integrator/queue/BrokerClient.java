package dev.integrator.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A service's view of one broker in the front-door scenarios: it sends requests to operation queues and reads the
 * replies, over the broker's own protocol (JMS on Artemis, AMQP 0-9-1 on RabbitMQ). Dead letters are read through
 * the front door's {@link Broker.DeadLetters}, the same way {@code dlq list} reads them.
 */
interface BrokerClient extends AutoCloseable {

    /** A fresh reply queue of this client's own, gone when the client closes. */
    String replyQueue() throws Exception;

    /** A reply queue of this client's own where the broker refuses every message. */
    String refusingReplyQueue() throws Exception;

    void send(String queue, Request request) throws Exception;

    /** The next reply on {@code replyQueue}, or null when none came within {@code wait}. */
    Reply receive(String replyQueue, Duration wait) throws Exception;

    /**
     * Sends to a queue that no operation owns and returns what the sender is told: the error message of the
     * front door's reply, or the broker's reason for handing the request back. Null when nobody said anything.
     */
    String refusalOfUnknownOperation(String queue, Request request) throws Exception;

    /**
     * Takes every delivery of {@code queue} and hands it back unacknowledged, as a consumer that crashes on it would,
     * until the queue has nothing more to deliver; returns how many deliveries it saw.
     */
    int handBackEveryDelivery(String queue) throws Exception;

    /**
     * Makes the broker really refuse dead letters: the dead-letter queue holds one filler message and takes no more
     * until {@link FullDeadLetterQueue#takeFiller()}. Closing it lifts what it changed in the broker.
     */
    FullDeadLetterQueue refuseDeadLetters() throws Exception;

    /** Empties the queues this client and the front door declared, so a run leaves nothing behind in the broker. */
    void purge() throws Exception;

    @Override
    void close() throws Exception;

    /** A dead-letter queue that refuses every message beyond its filler. */
    interface FullDeadLetterQueue extends AutoCloseable {

        /** Takes the filler away, so that the dead-letter queue takes a message again. */
        void takeFiller() throws Exception;
    }

    /** A request: the body as text, and the properties a client may set (any of them null). */
    record Request(String body, String replyTo, String correlationId, String messageId) {

        static Request replyTo(String replyTo, String correlationId, String body) {
            return new Request(body, replyTo, correlationId, null);
        }

        static Request fireAndForget(String messageId, String body) {
            return new Request(body, null, null, messageId);
        }
    }

    /** A reply: its correlation id and the envelope it carries. */
    record Reply(String correlationId, JsonNode envelope) {
    }
}
