package dev.integrator.auth;

import dev.integrator.chain.base.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Tokens from an OAuth 2.0 token endpoint, cached until {@code skew} before their expiry. Single-flight: while one
 * caller fetches, every other caller that needs a token waits for that same answer (or failure) instead of sending a
 * request of its own. A refused token is dropped once, by the first caller that reports it; the others that saw it
 * then find the new one.
 */
final class OAuthTokens implements TokenSource {

    private final TokenEndpoint endpoint;
    private final RefreshTokens refreshTokens;
    private final TimeSource time;
    private final Duration skew;
    private final Object lock = new Object();
    private volatile Cached current;
    private CompletableFuture<Cached> flight;

    /** A token and when to fetch the next one (null: when it is refused). */
    private record Cached(String token, Instant refreshAt) {
    }

    /** @param refreshTokens the rotated refresh tokens, or null for the client-credentials grant */
    OAuthTokens(TokenEndpoint endpoint, RefreshTokens refreshTokens, TimeSource time, Duration skew) {
        this.endpoint = endpoint;
        this.refreshTokens = refreshTokens;
        this.time = time;
        this.skew = skew;
    }

    @Override
    public String token() {
        Cached seen = current;
        if (fresh(seen)) {
            return seen.token();
        }
        try {
            return flight().join().token();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public boolean refused(String token) {
        synchronized (lock) {
            Cached seen = current;
            if (seen != null && seen.token().equals(token)) {
                current = null;
            }
        }
        return true;
    }

    /** The fetch in flight, or a new one run on this thread; a token another caller has just fetched ends the wait. */
    private CompletableFuture<Cached> flight() {
        CompletableFuture<Cached> mine;
        synchronized (lock) {
            if (fresh(current)) {
                return CompletableFuture.completedFuture(current);
            }
            if (flight != null) {
                return flight;
            }
            mine = new CompletableFuture<>();
            flight = mine;
        }
        try {
            Cached fetched = fetch();
            synchronized (lock) {
                current = fetched;
                flight = null;
            }
            mine.complete(fetched);
        } catch (RuntimeException e) {
            synchronized (lock) {
                flight = null;
            }
            mine.completeExceptionally(e);
        }
        return mine;
    }

    /**
     * A new token. Its next fetch is {@code skew} before its expiry, or half-way through a life shorter than twice the
     * skew (a short-lived token is not fetched again on every call).
     */
    private Cached fetch() {
        Instant asked = time.now();
        Grant grant;
        if (refreshTokens == null) {
            grant = endpoint.fetch(null);
        } else {
            String used = refreshTokens.current();
            grant = endpoint.fetch(used);
            refreshTokens.rotated(used, grant.refreshToken());
        }
        if (grant.lifetime() == null) {
            return new Cached(grant.accessToken(), null);
        }
        Duration early = skew.compareTo(grant.lifetime().dividedBy(2)) > 0 ? grant.lifetime().dividedBy(2) : skew;
        return new Cached(grant.accessToken(), asked.plus(grant.lifetime()).minus(early));
    }

    private boolean fresh(Cached cached) {
        return cached != null && (cached.refreshAt() == null || time.now().isBefore(cached.refreshAt()));
    }
}
