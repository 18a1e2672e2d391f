package dev.integrator.webhook.ingress;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs deliveries as the providers document it, written apart from the verifier under test. */
final class Signing {

    private Signing() {
    }

    static String hmacHex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(String prefix, byte[] body) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[p.length + body.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(body, 0, all, p.length, body.length);
        return all;
    }

    /** GitHub: X-Hub-Signature-256 over the raw body, with the event, delivery and hook headers. */
    static Map<String, String> github(String secret, String event, String delivery, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("X-GitHub-Hook-ID", "4242");
        headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(secret, body));
        return headers;
    }

    /** Stripe: Stripe-Signature t=<ts>,v1=<hex of "<ts>.<body>">. */
    static Map<String, String> stripe(String secret, long timestamp, byte[] body) {
        return Map.of("Stripe-Signature", "t=" + timestamp + ",v1=" + hmacHex(secret, concat(timestamp + ".", body)));
    }

    /** Slack: v0=<hex of "v0:<ts>:<body>"> with X-Slack-Request-Timestamp. */
    static Map<String, String> slack(String secret, long timestamp, byte[] body) {
        return Map.of("X-Slack-Request-Timestamp", String.valueOf(timestamp),
                "X-Slack-Signature", "v0=" + hmacHex(secret, concat("v0:" + timestamp + ":", body)));
    }
}
