package dev.integrator.auth;

/** Where a provider's credential comes from, asked on every attempt (a refreshed token reaches the retry). */
public interface TokenSource {

    /**
     * The token to send now, or null when the provider is called without one. Throws IntegrationException
     * (UNAUTHORIZED, UNAVAILABLE ...) when a token cannot be obtained.
     */
    String token();

    /**
     * The provider refused {@code token} as expired or revoked: the next token() fetches a new one (once, for
     * all callers that saw the same token). Returns whether a new token can be tried (false for a static one).
     */
    boolean refused(String token);
}
