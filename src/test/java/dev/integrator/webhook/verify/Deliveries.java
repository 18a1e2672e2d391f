package dev.integrator.webhook.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Deliveries as a provider would send them, signed here with the JDK's HMAC, independently of the code under test. */
final class Deliveries {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private Deliveries() {
    }

    /** A delivery received at {@link #NOW} with the given header name/value pairs (a name may repeat). */
    static Delivery received(String body, String... headers) {
        return receivedAt(NOW, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static Delivery receivedAt(Instant at, byte[] body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], name -> new java.util.ArrayList<>()).add(headers[i + 1]);
        }
        return new Delivery(map, body, at);
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String secret, String data) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), data));
    }

    /** The body with its byte at {@code index} changed by one bit. */
    static byte[] flipped(String body, int index) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        bytes[index] ^= 1;
        return bytes;
    }
}
