package dev.integrator.auth;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One provider's refresh token under rotation. The newest is in the token store, read again before each refresh (another
 * instance may have rotated it); the environment's token is the first one, and wins again when the operator replaces
 * it (its fingerprint differs from the one the stored rotation began with). A rotated token is stored before it is
 * used; one that could not be stored is kept here and stored with the next rotation, since the endpoint no longer
 * accepts the token it replaced.
 */
final class RefreshTokens {

    private final String provider;
    private final String envName;
    private final Map<String, String> env;
    private final TokenStore store;
    private String unstored;

    RefreshTokens(String provider, String envName, Map<String, String> env, TokenStore store) {
        this.provider = provider;
        this.envName = envName;
        this.env = env;
        this.store = store;
    }

    /** The refresh token to send now. */
    synchronized String current() {
        if (unstored != null) {
            return unstored;
        }
        String first = env.get(envName);
        String seed = first == null || first.isBlank() ? null : fingerprint(first.trim());
        TokenStore.Stored stored = store.load(provider);
        if (stored != null && (seed == null || seed.equals(stored.seed()))) {
            return stored.refreshToken();
        }
        if (seed == null) {
            throw IntegrationException.of(ErrorCode.UNAUTHORIZED, provider + ": " + envName
                    + " is not set and the token store holds no refresh token").notSent().build();
        }
        return first.trim();
    }

    /** {@code next} replaces {@code used}: stored before the access token that came with it is sent. */
    synchronized void rotated(String used, String next) {
        if (next == null || next.equals(used)) {
            return;
        }
        unstored = next;
        String first = env.get(envName);
        store.save(provider, new TokenStore.Stored(first == null || first.isBlank() ? null : fingerprint(first.trim()), next));
        unstored = null;
    }

    private static String fingerprint(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
