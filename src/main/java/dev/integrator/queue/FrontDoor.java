package dev.integrator.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.Meta;
import dev.integrator.OperationId;
import dev.integrator.contract.Parameter;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue request: the body is the JSON object of the operation's parameters; the answer is always the
 * envelope, sent to reply-to with the request's correlation id. It never throws for bad input or a failed
 * call; it throws only when the broker did not take the reply or the dead letter, so that the request is
 * redelivered instead of acknowledged. A request that cannot be processed (too large, not text or bytes, not a
 * JSON object, failing request validation), that failed with nobody to tell, or whose reply-to is no place to
 * answer, also goes to the dead-letter queue with the reason in its headers.
 */
public final class FrontDoor implements Processor {

    public static final String QUEUE_PROPERTY = "integrator_queue";
    public static final String REASON_PROPERTY = "integrator_reason";
    public static final String FAILED_AT_PROPERTY = "integrator_failed_at";
    public static final String CORRELATION_PROPERTY = "integrator_correlation_id";
    /** The queue tag of messages for operations that do not exist. */
    static final String UNKNOWN_QUEUE_TAG = "unknown";
    /** The exchange property where each consumer route names its queue. */
    public static final String QUEUE_EXCHANGE_PROPERTY = "integrator.queue";

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    /** How long a consumer waits before handing back a request whose reply or dead letter the broker refused. */
    static final long NOT_TAKEN_PAUSE_MS = 1000;

    private final Integrator integrator;
    private final Broker broker;
    private final QueueSettings settings;
    private final MeterRegistry meters;

    public FrontDoor(Integrator integrator, Broker broker, QueueSettings settings) {
        this.integrator = integrator;
        this.broker = broker;
        this.settings = settings;
        this.meters = integrator.meterRegistry();
    }

    private record Outcome(Envelope envelope, String deadLetterReason) {
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        String queue = queueOf(exchange);
        OperationId operation = OperationId.ofQueue(queue).orElseThrow();
        Message in = exchange.getMessage();
        String refused = broker.refuseBody(in);
        byte[] body = refused != null ? new byte[0] : in.getBody(byte[].class);
        String correlationId = broker.correlationId(in);
        count(queue, "consumed");

        String nowhere = broker.refuseReplyTo(in);
        if (nowhere != null) {
            // Nobody can be told the outcome, so the operation is not run: the request waits in the dead letters.
            deadLetter(queue, queue, body, correlationId, nowhere);
            exchange.setPattern(ExchangePattern.InOnly);
            return;
        }
        boolean canReply = broker.hasReplyTo(in);
        Outcome outcome = refused != null ? invalid(operation, correlationId, refused)
                : handle(operation, body == null ? new byte[0] : body, correlationId);
        String reason = outcome.deadLetterReason();
        if (reason == null && !canReply && !outcome.envelope().ok()) {
            reason = "failed with " + outcome.envelope().error().code() + " and the request has no reply-to";
        }
        if (reason != null) {
            deadLetter(queue, queue, body, correlationId, reason);
        }
        answer(exchange, queue, canReply, correlationId, outcome.envelope());
    }

    /**
     * A message on a queue no operation owns (a client sent to an operation that does not exist): an error reply
     * when it has a reply-to, and the dead-letter queue with the reason, so nothing waits or vanishes.
     */
    public void unknownOperation(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getMessage();
        String queue = queueOf(exchange);
        String operation = OperationId.ofQueue(queue).map(OperationId::toString).orElse(queue);
        String correlationId = broker.correlationId(in);
        String nowhere = broker.refuseReplyTo(in);
        String reason = nowhere != null ? nowhere : "unknown operation '" + operation + "'";
        // The queue name is the client's invention: counted under one tag value so it cannot grow the series.
        byte[] body = broker.refuseBody(in) != null ? new byte[0] : in.getBody(byte[].class);
        deadLetter(queue, UNKNOWN_QUEUE_TAG, body, correlationId, reason);
        Envelope envelope = Envelope.failure(new Envelope.Error(ErrorCode.INVALID_REQUEST, reason, false, null, null, null),
                Meta.notRun(operation, correlationId));
        answer(exchange, UNKNOWN_QUEUE_TAG, nowhere == null && broker.hasReplyTo(in), correlationId, envelope);
    }

    private void answer(Exchange exchange, String tag, boolean canReply, String correlationId, Envelope envelope)
            throws JsonProcessingException {
        if (!canReply) {
            exchange.setPattern(ExchangePattern.InOnly);
            return;
        }
        try {
            broker.reply(exchange, correlationId, Json.MAPPER.writeValueAsString(envelope));
        } catch (RuntimeException e) {
            throw notTaken(tag, "reply", e);
        }
        count(tag, "replied");
    }

    private static String queueOf(Exchange exchange) {
        return exchange.getProperty(QUEUE_EXCHANGE_PROPERTY, String.class);
    }

    private Outcome handle(OperationId operation, byte[] body, String correlationId) {
        if (body.length > settings.maxMessageBytes()) {
            return invalid(operation, correlationId, "request of " + body.length + " bytes is over the limit of "
                    + settings.maxMessageBytes() + " bytes");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return invalid(operation, correlationId, "request body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return invalid(operation, correlationId, "request body must be a JSON object of parameters");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = Json.MAPPER.convertValue(json, Map.class);
        String unstable = unstableWrite(operation, params, correlationId);
        if (unstable != null) {
            // Answered, not dead-lettered: the request is well-formed, and sent again with an id it will be run.
            return new Outcome(invalid(operation, correlationId, unstable).envelope(), null);
        }
        Envelope envelope = integrator.call(operation.toString(), params, correlationId);
        boolean unprocessable = !envelope.ok() && envelope.error().code() == ErrorCode.INVALID_REQUEST;
        return new Outcome(envelope, unprocessable ? "invalid request: " + envelope.error().message() : null);
    }

    /**
     * Why a write cannot run from this message, or null: a write with an idempotency key derived from the message's
     * id must find the same id on a redelivery. A message with neither id (RabbitMQ lets a client leave both out) would
     * get a new key on each delivery, so a redelivery could repeat the write.
     */
    private String unstableWrite(OperationId operation, Map<String, Object> params, String correlationId) {
        String id = operation.toString();
        if (correlationId != null || params.containsKey(Parameter.IDEMPOTENCY_KEY)
                || !integrator.operations().contains(id) || !integrator.operations().get(id).keyed()) {
            return null;
        }
        return "a write to " + operation.provider() + " from a queue needs a message_id or correlation_id, or an "
                + Parameter.IDEMPOTENCY_KEY + " parameter, so that a redelivery cannot repeat it";
    }

    private Outcome invalid(OperationId operation, String correlationId, String message) {
        Envelope envelope = Envelope.failure(new Envelope.Error(ErrorCode.INVALID_REQUEST, message, false, null, null, null),
                Meta.notRun(operation, correlationId));
        return new Outcome(envelope, message);
    }

    private void deadLetter(String queue, String tag, byte[] body, String correlationId, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(QUEUE_PROPERTY, queue);
        headers.put(REASON_PROPERTY, reason);
        headers.put(FAILED_AT_PROPERTY, Instant.now().toString());
        if (correlationId != null) {
            headers.put(CORRELATION_PROPERTY, correlationId);
        }
        try {
            broker.deadLetter(body == null ? new byte[0] : body, headers);
        } catch (RuntimeException e) {
            throw notTaken(tag, "dead letter", e);
        }
        count(tag, "dead_lettered");
    }

    /**
     * The broker did not take a reply or a dead letter: the request must not be acknowledged. Thrown out of the
     * consumer it rolls back (Artemis) or goes back to the queue (RabbitMQ) for redelivery. The pause keeps a
     * refusing broker from using up the delivery limit in a few milliseconds.
     */
    private RuntimeException notTaken(String tag, String what, RuntimeException e) {
        count(tag, "not_taken");
        LOG.warn("the broker did not take the {} for a request on {}; the request goes back for redelivery: {}", what, tag, e.getMessage());
        try {
            Thread.sleep(NOT_TAKEN_PAUSE_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return e;
    }

    private void count(String queue, String outcome) {
        meters.counter("integrator.queue.messages", "queue", queue, "outcome", outcome).increment();
    }
}
