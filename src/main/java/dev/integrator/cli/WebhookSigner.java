package dev.integrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as the provider would, for {@code webhooks replay}: the headers of its scheme over the exact body.
 * A new delivery id each time where the scheme takes it from a header (GitHub, Standard Webhooks); Stripe and Slack
 * name theirs in the payload.
 */
final class WebhookSigner {

    private WebhookSigner() {
    }

    static Map<String, String> sign(String scheme, String secret, String event, byte[] body, JsonNode payload,
            Instant now) {
        long ts = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        switch (scheme) {
            case "github" -> {
                headers.put("X-GitHub-Event", event);
                headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
                headers.put("X-GitHub-Hook-ID", "0");
                headers.put("X-Hub-Signature-256", "sha256=" + hex(utf8(secret), utf8(""), body));
            }
            case "stripe" -> headers.put("Stripe-Signature", "t=" + ts + ",v1=" + hex(utf8(secret), utf8(ts + "."),
                    body));
            case "slack" -> {
                headers.put("X-Slack-Request-Timestamp", String.valueOf(ts));
                headers.put("X-Slack-Signature", "v0=" + hex(utf8(secret), utf8("v0:" + ts + ":"), body));
            }
            case "standard" -> {
                String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
                byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_")
                        ? secret.substring("whsec_".length()) : secret);
                headers.put("webhook-id", id);
                headers.put("webhook-timestamp", String.valueOf(ts));
                headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(mac(key, utf8(id + "." + ts
                        + "."), body)));
            }
            default -> throw new IllegalArgumentException("no signer for scheme " + scheme);
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] key, byte[] prefix, byte[] body) {
        return HexFormat.of().formatHex(mac(key, prefix, body));
    }

    private static byte[] mac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
