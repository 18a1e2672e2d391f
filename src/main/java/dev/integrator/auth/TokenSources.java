package dev.integrator.auth;

import dev.integrator.chain.base.TimeSource;
import dev.integrator.redis.RedisEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/** Makes a provider's token source from its auth settings, and the token store rotated refresh tokens live in. */
public final class TokenSources {

    private TokenSources() {
    }

    /**
     * A static token from {@code tokenEnv} when {@code oauth} is null, else tokens from the OAuth token endpoint,
     * fetched with the provider's TLS context and timeouts; {@code store} is asked for only by a rotating grant.
     */
    public static TokenSource of(String provider, String tokenEnv, OAuthSettings oauth, Map<String, String> env, SSLContext tls,
            Duration connectTimeout, Duration readTimeout, TimeSource time, Supplier<TokenStore> store) {
        if (oauth == null) {
            return StaticToken.of(tokenEnv, env);
        }
        TokenEndpoint endpoint = new TokenEndpoint(provider, oauth, env, tls, connectTimeout, readTimeout);
        RefreshTokens refreshTokens = oauth.rotates() ? new RefreshTokens(provider, oauth.refreshTokenEnv(), env, store.get()) : null;
        return new OAuthTokens(endpoint, refreshTokens, time, Duration.ofSeconds(oauth.skewSeconds()));
    }

    /**
     * Redis when {@value RedisEnv#URL} is set (instances share the newest refresh token), else files in
     * {@code <dataDir>/oauth}. Redis is connected at the first use, so that a store nobody needs costs nothing.
     */
    public static TokenStore store(Path dataDir, Map<String, String> env) {
        if (!RedisEnv.configured(env)) {
            return new FileTokenStore(dataDir);
        }
        return new RedisTokenStore(RedisEnv.uri(env), RedisEnv.prefix(env));
    }
}
