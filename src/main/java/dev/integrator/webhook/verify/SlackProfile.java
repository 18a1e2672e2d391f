package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Slack: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<ts>:<body>")>} with the timestamp in
 * {@code X-Slack-Request-Timestamp}. An {@code event_callback} is named by its {@code event_id} and
 * {@code event.type}; the {@code url_verification} challenge has no id (the ingress answers it, nothing is queued).
 * Slack's retries ({@code X-Slack-Retry-Num}) carry the same {@code event_id}, so dedupe catches them.
 */
final class SlackProfile implements SchemeProfile {

    static final String URL_VERIFICATION = "url_verification";
    private static final String PREFIX = "v0=";

    @Override
    public String name() {
        return SignatureSchemes.SLACK;
    }

    @Override
    public SignedParts parse(Delivery delivery) {
        String header = HeaderValues.single(delivery, "X-Slack-Signature");
        String timestamp = HeaderValues.single(delivery, "X-Slack-Request-Timestamp");
        Long seconds = HeaderValues.epochSeconds(timestamp);
        if (header == null || seconds == null || !header.startsWith(PREFIX)) {
            return null;
        }
        byte[] signature = HeaderValues.hex(header.substring(PREFIX.length()));
        if (signature == null) {
            return null;
        }
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
        return new SignedParts(prefix, List.of(signature), seconds);
    }

    @Override
    public byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DeliveryIdentity identify(Delivery delivery, JsonNode payload) {
        String type = HeaderValues.text(payload, "type");
        if (URL_VERIFICATION.equals(type)) {
            return new DeliveryIdentity(null, URL_VERIFICATION);
        }
        String eventId = HeaderValues.deliveryId(HeaderValues.text(payload, "event_id"));
        if ("event_callback".equals(type)) {
            return new DeliveryIdentity(eventId, HeaderValues.text(payload.get("event"), "type"));
        }
        // Other envelopes (app_rate_limited) are named by their own type, which no provider subscribes to.
        return new DeliveryIdentity(eventId, type);
    }
}
