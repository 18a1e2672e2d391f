package dev.integrator.auth;

/**
 * Where rotated refresh tokens live, so that a restart (or another instance) uses the newest one: a rotated token
 * replaces the one it was issued for, which the token endpoint no longer accepts. Failures are IntegrationExceptions
 * (UNAVAILABLE): a token that cannot be stored is not used.
 */
public interface TokenStore extends AutoCloseable {

    /** What is stored under {@code key} (a provider id), or null when nothing is. */
    Stored load(String key);

    /** Replaces what is stored under {@code key}; returns only once it is durable. */
    void save(String key, Stored stored);

    @Override
    void close();

    /**
     * A refresh token and the fingerprint of the one the operator set in the environment when the rotation began
     * ({@code seed}): when the environment holds another one, the operator has replaced it and it wins.
     */
    record Stored(String seed, String refreshToken) {

        @Override
        public String toString() {
            return "Stored[seed=" + seed + "]";
        }
    }
}
