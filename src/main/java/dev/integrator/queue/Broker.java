package dev.integrator.queue;

import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * A message broker behind the front door: it declares the operation queues and the dead-letter queue, registers
 * the Camel component {@code broker}, and knows where its protocol keeps correlation id and reply-to.
 */
public interface Broker extends AutoCloseable {

    /**
     * Starts (or connects to) the broker and declares one queue per operation plus the dead-letter queue.
     * {@code unknownQueue} hears of every other queue created under {@code integrator.} (a client sent to an
     * operation that does not exist), where the broker can tell; it is called off the broker's own threads.
     */
    void start(Collection<String> queues, java.util.function.Consumer<String> unknownQueue);

    /** Registers the Camel component named {@code broker} on the context. */
    void install(CamelContext camel);

    /** The consumer endpoint of one queue: at-least-once, acknowledged only after the reply is sent. */
    String consumerUri(String queue);

    /** The producer endpoint of the dead-letter queue. */
    String deadLetterUri();

    String correlationId(Message request);

    boolean hasReplyTo(Message request);

    /** Prepares the reply headers: the request's correlation id, nothing else of the request. */
    void prepareReply(Message message, String correlationId);

    DeadLetters deadLetters();

    /** Whether the broker answers now: the embedded one is active, a remote one accepts a connection. For readiness. */
    boolean connected();

    /** A short description for the startup line, without secrets. */
    String describe();

    @Override
    void close();

    /** The dead-letter queue, readable and replayable from the command line. */
    interface DeadLetters {
        List<DeadLetter> list();

        /** Moves the message with this id (or all, when id is null) back to its queue; returns how many moved. */
        int replay(String id);
    }

    record DeadLetter(String id, String queue, String reason, String failedAt, int bytes) {
    }
}
