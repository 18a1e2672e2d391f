package dev.integrator.webhook.ingress;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.EventContract;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import dev.integrator.webhook.WebhookSettings;
import dev.integrator.webhook.dedupe.DeliveryLog;
import dev.integrator.webhook.event.EventCatalog;
import dev.integrator.webhook.verify.Delivery;
import dev.integrator.webhook.verify.DeliveryIdentity;
import dev.integrator.webhook.verify.SignatureScheme;
import dev.integrator.webhook.verify.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's path of a delivery, in this order: verify the signature on the raw bytes (401) -> parse JSON (400)
 * -> identify -> claim the delivery id (a duplicate is 200, one in flight 503) -> validate and normalize against the
 * event's contract (drift: dead letter and 202) -> publish durably -> confirm the claim -> 202. A publish that fails
 * releases the claim and answers 503, so the provider's retry is accepted: never a 2xx for an event not stored.
 * Logs name the delivery id as correlation id, never the signature or the body.
 */
final class DeliveryHandler {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.webhook");
    /** GitHub's hook check: answered, never queued. */
    static final String PING = "ping";
    /** Slack's endpoint check: answered with its challenge. */
    static final String URL_VERIFICATION = "url_verification";
    /** How long a provider should wait before it sends again what got a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** An HTTP answer: status, JSON body (empty for a 401), extra headers. */
    record Answer(Outcome outcome, String body, Map<String, String> headers) {
    }

    private final String provider;
    private final WebhookSettings settings;
    private final SignatureScheme scheme;
    private final List<String> secrets;
    private final EventCatalog catalog;
    private final DeliveryLog deliveries;
    private final EventPublisher publisher;
    private final DriftRecorder drift;
    private final Clock clock;

    DeliveryHandler(String provider, WebhookSettings settings, SignatureScheme scheme, List<String> secrets,
            EventCatalog catalog,
            DeliveryLog deliveries, EventPublisher publisher, DriftRecorder drift, Clock clock) {
        this.provider = provider;
        this.settings = settings;
        this.scheme = scheme;
        this.secrets = List.copyOf(secrets);
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.publisher = publisher;
        this.drift = drift;
        this.clock = clock;
    }

    Answer handle(Delivery delivery) {
        Verdict verdict = scheme.verify(delivery, secrets, settings.tolerance());
        if (verdict != Verdict.VALID) {
            return log(verdict == Verdict.STALE ? Outcome.STALE : Outcome.BAD_SIGNATURE, null, null, "");
        }
        JsonNode payload;
        try {
            payload = Json.WHOLE.readTree(delivery.body());
        } catch (IOException e) {
            return log(Outcome.MALFORMED, null, null, status("malformed", "the body is not JSON"));
        }
        DeliveryIdentity identity = scheme.identify(delivery, payload);
        String event = identity == null ? null : identity.eventType();
        String id = identity == null ? null : identity.deliveryId();
        if (URL_VERIFICATION.equals(event) && payload.path("challenge").isTextual()) {
            return log(Outcome.CHALLENGE, null, event, Json.MAPPER.createObjectNode().put("challenge",
                    payload.get("challenge").asText()).toString());
        }
        if (event == null || id == null) {
            return log(Outcome.MALFORMED, id, event, status("malformed", "the delivery names no " + (event == null
                    ? "event type" : "delivery id")));
        }
        if (PING.equals(event) && settings.events().contains(PING)) {
            return log(Outcome.PING, id, event, status("pong", null));
        }
        EventContract contract = catalog.contract(provider, event);
        if (!settings.events().contains(event) || contract == null) {
            return log(Outcome.IGNORED, id, event, status("ignored", "event type " + event + " is not subscribed"));
        }
        return switch (deliveries.claim(provider, id)) {
            case DUPLICATE -> log(Outcome.DUPLICATE, id, event, status("duplicate", null));
            case IN_FLIGHT -> log(Outcome.IN_FLIGHT, id, event, status("in_flight",
                    "this delivery is being stored; send it again later"));
            case NEW -> store(delivery, payload, contract, id);
        };
    }

    private Answer store(Delivery delivery, JsonNode payload, EventContract contract, String id) {
        EventCatalog.Reading reading = catalog.read(contract, payload);
        try {
            if (reading.drift()) {
                drift.record(new DriftRecorder.Drift(provider, contract.eventId(), contract.asContract().operations()
                        .get(EventContract.RECEIVE),
                        null, new UpstreamResponse(200, delivery.headers(), delivery.body(), null), payload,
                                reading.violations()));
                String reason = "contract " + contract.id() + " violated: " + reading.violations().stream()
                        .map(v -> (v.path().isEmpty() ? "/" : v.path()) + " " + v.rule())
                                .collect(Collectors.joining("; "));
                publisher.deadLetter(contract, id, delivery.body(), reason, clock.instant());
            } else {
                publisher.publish(contract, id, EventPublisher.message(contract, id, delivery.receivedAt(),
                        reading.dto()));
            }
        } catch (RuntimeException e) {
            deliveries.release(provider, id);
            LOG.warn("webhook not stored {} {} {} {}", kv("provider", provider), kv("event", contract.event()),
                    kv("correlationId", id),
                    kv("error", e.getMessage()));
            return log(Outcome.UNAVAILABLE, id, contract.event(), status("unavailable",
                    "the event could not be stored; send it again later"));
        }
        deliveries.confirm(provider, id, settings.dedupeWindow());
        return reading.drift() ? log(Outcome.DRIFT, id, contract.event(), status("drift", "dead-lettered: it breaks "
                + contract.id()))
                : log(Outcome.ACCEPTED, id, contract.event(), status("accepted", null));
    }

    private static String status(String status, String detail) {
        var body = Json.MAPPER.createObjectNode().put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return body.toString();
    }

    private Answer log(Outcome outcome, String id, String event, String body) {
        Map<String, String> headers = outcome.status() == 503 ? Map.of("Retry-After", RETRY_AFTER_SECONDS) : Map.of();
        // INFO for refusals too: a forger probing the URL must not flood the warnings; the metric counts them by
        // outcome.
        LOG.info("webhook answered {} {} {} {} {}", kv("provider", provider), kv("outcome", outcome.tag()), kv("status",
                outcome.status()),
                kv("event", event), kv("correlationId", id));
        return new Answer(outcome, body, headers);
    }
}
