package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}. No timestamp is signed, so replays are
 * stopped by dedupe alone. One {@code X-GitHub-Delivery} is shared by every hook subscribed to the event, so the
 * dedupe key is {@code <X-GitHub-Hook-ID>:<X-GitHub-Delivery>}; without both there is none.
 */
final class GitHubProfile implements SchemeProfile {

    private static final String PREFIX = "sha256=";
    private static final byte[] NOTHING = new byte[0];

    @Override
    public String name() {
        return SignatureSchemes.GITHUB;
    }

    @Override
    public SignedParts parse(Delivery delivery) {
        String header = HeaderValues.single(delivery, "X-Hub-Signature-256");
        if (header == null || !header.startsWith(PREFIX)) {
            return null;
        }
        byte[] signature = HeaderValues.hex(header.substring(PREFIX.length()));
        return signature == null ? null : new SignedParts(NOTHING, List.of(signature), null);
    }

    @Override
    public byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DeliveryIdentity identify(Delivery delivery, JsonNode payload) {
        String hook = HeaderValues.single(delivery, "X-GitHub-Hook-ID");
        String id = HeaderValues.single(delivery, "X-GitHub-Delivery");
        String deliveryId = hook == null || id == null || hook.isEmpty() || id.isEmpty() ? null
                : HeaderValues.deliveryId(hook + ":" + id);
        return new DeliveryIdentity(deliveryId, HeaderValues.single(delivery, "X-GitHub-Event"));
    }
}
