package dev.integrator.queue;

import dev.integrator.observe.Health;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * A message broker behind the front door: it declares the operation queues and the dead-letter queue, registers
 * the Camel component {@code broker}, and knows where its protocol keeps correlation id and reply-to.
 */
public interface Broker extends Health.Dependency, AutoCloseable {

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

    String correlationId(Message request);

    /** Why the request is refused before its body is read (it is not text or bytes), or null when it is not. */
    String refuseBody(Message request);

    boolean hasReplyTo(Message request);

    /**
     * Why the request's reply-to is no place to answer, or null when it is one (or there is none). Answering where a
     * requester points could publish into places its own credentials do not reach.
     */
    String refuseReplyTo(Message request);

    /**
     * Answers the request with the envelope and the request's correlation id, nothing else of the request. Throws
     * when the broker did not take the reply, so that the request is not acknowledged.
     */
    void reply(Exchange exchange, String correlationId, String envelope);

    /**
     * Publishes a message to {@code queue}, a queue declared at start, and returns once the broker holds it durably:
     * the send's transaction committed (Artemis) or its publisher confirm arrived (RabbitMQ). Throws when the broker
     * did not take it within {@code timeout}: the caller must then treat it as not stored.
     */
    void publish(String queue, byte[] body, Map<String, String> headers, java.time.Duration timeout);

    /** Puts a message on the dead-letter queue; throws when the broker did not take it. */
    void deadLetter(byte[] body, Map<String, String> headers);

    DeadLetters deadLetters();

    /** Whether the broker answers now: the embedded one is active, a remote one accepts a connection. For readiness. */
    boolean connected();

    /** A short description for the startup line, without secrets. */
    String describe();

    @Override
    void close();

    /** The dead-letter queue, readable and replayable from the command line. */
    interface DeadLetters {
        /** The page {@code dlq list} shows. */
        int PAGE = 100;

        /**
         * At most {@code limit} dead letters, oldest first, from the {@code offset}-th (0 is the oldest), and how many
         * the queue holds: a page, never the whole queue at once.
         */
        Page page(int offset, int limit);

        /** The first page. */
        default List<DeadLetter> list() {
            return page(0, PAGE).letters();
        }

        /**
         * Moves the message with this id (or all, when id is null) back to its queue. A dead letter that does not
         * name its queue cannot go back: it is skipped, stays where it is, and the others still move.
         */
        Replay replay(String id);
    }

    record DeadLetter(String id, String queue, String reason, String failedAt, int bytes) {
    }

    /** {@code total}: how many dead letters the queue holds, of which {@code letters} is one page. */
    record Page(List<DeadLetter> letters, int total) {
    }

    /** {@code skipped}: the ids of dead letters left in place because they do not name their queue. */
    record Replay(int moved, List<String> skipped) {
    }
}
