package dev.integrator.webhook.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.OperationId;
import dev.integrator.contract.EventContract;
import dev.integrator.json.Json;
import dev.integrator.queue.Broker;
import dev.integrator.queue.FrontDoor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts events and drift on the broker, each within a deadline so that the provider gets its answer in time: the
 * publish runs on a thread of its own and a broker that has not confirmed within {@code timeout} counts as down. A
 * publish that confirms after its deadline leaves a stored event answered 503: the provider's retry then queues it
 * again, which consumers see as a duplicate delivery id (at-least-once), never as a loss.
 */
final class EventPublisher implements AutoCloseable {

    /** Every event queue is {@code integrator.events.<provider>.<event>}, the event's dots kept. */
    static final String QUEUE_PREFIX = OperationId.QUEUE_PREFIX + "events.";

    private final Broker broker;
    private final Duration timeout;
    private final ExecutorService publishing = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "integrator-webhook-publish");
        t.setDaemon(true);
        return t;
    });

    EventPublisher(Broker broker, Duration timeout) {
        this.broker = broker;
        this.timeout = timeout;
    }

    static String queue(String provider, String event) {
        return QUEUE_PREFIX + provider + "." + event;
    }

    /** What a consumer receives: {@code meta} (provider, event, deliveryId, receivedAt, correlationId, contract) and
     * the DTO. */
    static byte[] message(EventContract contract, String deliveryId, Instant receivedAt, Object dto) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        ObjectNode meta = message.putObject("meta");
        meta.put("provider", contract.provider());
        meta.put("event", contract.event());
        meta.put("deliveryId", deliveryId);
        meta.put("receivedAt", receivedAt.toString());
        meta.put("correlationId", deliveryId);
        meta.put("contract", contract.id());
        message.set("data", Json.MAPPER.valueToTree(dto));
        try {
            return Json.MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event DTO is records of plain values: " + e.getMessage(), e);
        }
    }

    /** Stores the event; throws when the broker did not take it within the deadline. */
    void publish(EventContract contract, String deliveryId, byte[] message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(FrontDoor.CORRELATION_PROPERTY, deliveryId);
        headers.put("integrator_event", contract.eventId());
        headers.put("integrator_contract", contract.id());
        run(() -> broker.publish(queue(contract.provider(), contract.event()), message, headers, timeout));
    }

    /**
     * Dead-letters a delivery that broke its contract, with the reason. It names no queue, so {@code dlq replay} leaves
     * it in place: once a contract version reads it, {@code webhooks replay} posts it again.
     */
    void deadLetter(EventContract contract, String deliveryId, byte[] body, String reason, Instant failedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(FrontDoor.REASON_PROPERTY, reason);
        headers.put(FrontDoor.FAILED_AT_PROPERTY, failedAt.toString());
        headers.put(FrontDoor.CORRELATION_PROPERTY, deliveryId);
        headers.put("integrator_event", contract.eventId());
        headers.put("integrator_contract", contract.id());
        run(() -> broker.deadLetter(body, headers));
    }

    private void run(Runnable send) {
        Future<?> sent = publishing.submit(send);
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new IllegalStateException("the broker did not confirm within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        publishing.shutdownNow();
    }
}
