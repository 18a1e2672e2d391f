package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one verifier of every scheme: HMAC-SHA256 over the profile's prefix and the raw body, with each secret, compared
 * with each signature in constant time. Every secret is tried even after a match, so the time taken does not tell
 * which secret (or whether an early one) matched. The timestamp is judged only after a signature matched, so a
 * forged delivery is {@link Verdict#BAD_SIGNATURE} whatever its timestamp.
 */
final class HmacScheme implements SignatureScheme {

    private static final String ALGORITHM = "HmacSHA256";

    private final SchemeProfile profile;

    HmacScheme(SchemeProfile profile) {
        this.profile = profile;
    }

    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public Verdict verify(Delivery delivery, List<String> secrets, Duration tolerance) {
        SignedParts parts = profile.parse(delivery);
        if (parts == null || parts.signatures().isEmpty()) {
            return Verdict.BAD_SIGNATURE;
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] key = profile.key(secret);
            if (key == null || key.length == 0) {
                continue;
            }
            byte[] expected = mac(key, parts.prefix(), delivery.body());
            for (byte[] signature : parts.signatures()) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        if (!matched) {
            return Verdict.BAD_SIGNATURE;
        }
        if (parts.timestamp() != null) {
            long skew = Math.abs(delivery.receivedAt().getEpochSecond() - parts.timestamp());
            return skew > tolerance.toSeconds() ? Verdict.STALE : Verdict.VALID;
        }
        return Verdict.VALID;
    }

    @Override
    public DeliveryIdentity identify(Delivery delivery, JsonNode payload) {
        return profile.identify(delivery, payload);
    }

    static byte[] mac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime has HmacSHA256, and the key is never empty here.
            throw new IllegalStateException(e);
        }
    }
}
