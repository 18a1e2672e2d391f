package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}, each v1 a hex HMAC-SHA256 of
 * {@code <t>.<body>} keyed with the secret's UTF-8 bytes ({@code whsec_} included, not decoded). Any v1 may match
 * (Stripe signs with each secret during a rotation); entries of other versions are ignored, as stripe-java does.
 * A header with no t, two t, an entry without '=' or a v1 that is not hex is malformed.
 */
final class StripeProfile implements SchemeProfile {

    @Override
    public String name() {
        return SignatureSchemes.STRIPE;
    }

    @Override
    public SignedParts parse(Delivery delivery) {
        String header = HeaderValues.single(delivery, "Stripe-Signature");
        if (header == null) {
            return null;
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    return null;
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                byte[] signature = HeaderValues.hex(value);
                if (signature == null || signatures.size() == HeaderValues.MAX_SIGNATURES) {
                    return null;
                }
                signatures.add(signature);
            }
        }
        Long seconds = HeaderValues.epochSeconds(timestamp);
        if (seconds == null) {
            return null;
        }
        return new SignedParts((timestamp + ".").getBytes(StandardCharsets.US_ASCII), List.copyOf(signatures), seconds);
    }

    @Override
    public byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DeliveryIdentity identify(Delivery delivery, JsonNode payload) {
        return new DeliveryIdentity(HeaderValues.deliveryId(HeaderValues.text(payload, "id")),
                HeaderValues.text(payload, "type"));
    }
}
