package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reading the signature headers without trusting them: a value that is too long, repeated or not of its exact shape is
 * {@code null}, which the schemes answer with {@link Verdict#BAD_SIGNATURE}. The bounds keep the work of one
 * request small, whatever a sender puts in its headers.
 */
final class HeaderValues {

    /** Far above any real signature header (Stripe's with a few rotated v1 entries is a few hundred characters). */
    static final int MAX_HEADER_CHARS = 2048;
    /** Signatures checked per delivery at most: each costs one HMAC per secret. */
    static final int MAX_SIGNATURES = 8;
    private static final int SHA256_BYTES = 32;
    /** Ten or fewer digits: epoch seconds until the year 2286, and never an overflow. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,10}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private HeaderValues() {
    }

    /** The header's single value within {@link #MAX_HEADER_CHARS}, or {@code null}. */
    static String single(Delivery delivery, String name) {
        String value = delivery.header(name);
        return value == null || value.length() > MAX_HEADER_CHARS ? null : value.trim();
    }

    static Long epochSeconds(String value) {
        return value != null && EPOCH_SECONDS.matcher(value).matches() ? Long.parseLong(value) : null;
    }

    /** A hex SHA-256 MAC, either case, or {@code null}. */
    static byte[] hex(String value) {
        return value != null && HEX_SHA256.matcher(value).matches() ? HexFormat.of().parseHex(value) : null;
    }

    /** A base64 SHA-256 MAC, or {@code null}. */
    static byte[] base64(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return bytes.length == SHA256_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The value as a delivery id, or {@code null} when it is missing or cannot be a dedupe key. */
    static String deliveryId(String value) {
        return value != null && DeliveryIdentity.DELIVERY_ID.matcher(value).matches() ? value : null;
    }

    /** The text at {@code field} of the payload, or {@code null} when it is missing or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
