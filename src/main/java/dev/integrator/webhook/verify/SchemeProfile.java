package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What differs between the HMAC-SHA256 schemes: where the signatures and the timestamp are, what is signed besides
 * the body, how a secret becomes the key, and how a delivery names itself. {@link HmacScheme} does the rest once.
 */
interface SchemeProfile {

    String name();

    /** The signed parts, or {@code null} when a header is missing, repeated, malformed or too large. */
    SignedParts parse(Delivery delivery);

    /** The HMAC key of one configured secret, or {@code null} when the secret cannot be one (never an exception). */
    byte[] key(String secret);

    DeliveryIdentity identify(Delivery delivery, JsonNode payload);
}
