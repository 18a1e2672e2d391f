package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}, a space-separated
 * list of {@code v1,<base64 HMAC-SHA256>} over {@code <id>.<timestamp>.<body>}. The key is the base64 after the
 * secret's {@code whsec_} prefix, decoded (unlike Stripe). Entries of other versions ({@code v1a}, asymmetric) are
 * ignored; an entry without a version, or a v1 that is not base64 of 32 bytes, is malformed.
 */
final class StandardProfile implements SchemeProfile {

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1";

    @Override
    public String name() {
        return SignatureSchemes.STANDARD;
    }

    @Override
    public SignedParts parse(Delivery delivery) {
        String id = HeaderValues.deliveryId(HeaderValues.single(delivery, "webhook-id"));
        String timestamp = HeaderValues.single(delivery, "webhook-timestamp");
        Long seconds = HeaderValues.epochSeconds(timestamp);
        String header = HeaderValues.single(delivery, "webhook-signature");
        if (id == null || seconds == null || header == null) {
            return null;
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.split(" ")) {
            if (entry.isEmpty()) {
                continue;
            }
            int comma = entry.indexOf(',');
            if (comma < 0) {
                return null;
            }
            if (entry.substring(0, comma).equals(VERSION)) {
                byte[] signature = HeaderValues.base64(entry.substring(comma + 1));
                if (signature == null || signatures.size() == HeaderValues.MAX_SIGNATURES) {
                    return null;
                }
                signatures.add(signature);
            }
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return new SignedParts(prefix, List.copyOf(signatures), seconds);
    }

    @Override
    public byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public DeliveryIdentity identify(Delivery delivery, JsonNode payload) {
        return new DeliveryIdentity(HeaderValues.deliveryId(HeaderValues.single(delivery, "webhook-id")),
                HeaderValues.text(payload, "type"));
    }
}
