package dev.integrator.auth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One provider's OAuth 2.0 token endpoint: sends a client-credentials or refresh-token request (Nimbus builds it, the
 * client authenticated with HTTP Basic) and turns the answer into a {@link Grant} or a typed error. An endpoint that
 * cannot be reached or answers 5xx or 429 is UNAVAILABLE and retried by the call; a refusal (invalid_client,
 * invalid_grant ...) is UNAUTHORIZED and not retried, since asking again with the same credentials gets the same
 * answer. Either way the provider's API was not called, so the call may be retried whatever its method.
 */
final class TokenEndpoint {

    private final String provider;
    private final OAuthSettings settings;
    private final Map<String, String> env;
    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** @param tls the TLS context of the provider's connections, or null for the JDK default */
    TokenEndpoint(String provider, OAuthSettings settings, Map<String, String> env, SSLContext tls, Duration connectTimeout,
            Duration readTimeout) {
        this.provider = provider;
        this.settings = settings;
        this.env = env;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** A new token: by the client-credentials grant, or by {@code refreshToken} when the grant is refresh_token. */
    Grant fetch(String refreshToken) {
        HTTPRequest request = request(refreshToken).toHTTPRequest();
        request.setConnectTimeout((int) connectTimeout.toMillis());
        request.setReadTimeout((int) readTimeout.toMillis());
        // Redirects would carry the client secret to wherever they point.
        request.setFollowRedirects(false);
        if (tls != null) {
            request.setSSLSocketFactory(tls.getSocketFactory());
        }
        HTTPResponse response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw unavailable("cannot reach the token endpoint " + host() + ": " + e.getClass().getSimpleName());
        }
        int status = response.getStatusCode();
        if (status >= 500 || status == 429) {
            throw unavailable("the token endpoint " + host() + " answered " + status);
        }
        return TokenAnswer.read(provider, settings, response);
    }

    private TokenRequest request(String refreshToken) {
        String clientId = required(settings.clientIdEnv());
        String clientSecret = required(settings.clientSecretEnv());
        AuthorizationGrant grant = settings.rotates() ? new RefreshTokenGrant(new RefreshToken(refreshToken)) : new ClientCredentialsGrant();
        TokenRequest.Builder builder = new TokenRequest.Builder(URI.create(settings.tokenUrl()),
                new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret)), grant);
        if (!settings.scopes().isEmpty()) {
            builder.scope(new Scope(settings.scopes().toArray(String[]::new)));
        }
        if (settings.audience() != null) {
            builder.customParameter("audience", settings.audience());
        }
        return builder.build();
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw IntegrationException.of(ErrorCode.UNAUTHORIZED, provider + ": " + name + " is not set, so no token can be requested")
                    .notSent().build();
        }
        return value.trim();
    }

    private String host() {
        URI uri = URI.create(settings.tokenUrl());
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private IntegrationException unavailable(String message) {
        return IntegrationException.of(ErrorCode.UNAVAILABLE, provider + ": " + message).retryable(true).notSent().outage().build();
    }
}
