package dev.integrator.auth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.time.Duration;
import net.minidev.json.JSONObject;

/**
 * Reads a token endpoint's answer with Nimbus. Two departures from RFC 6749 are accepted, both Slack's: a refusal
 * may come as a 200 with {@code "ok": false} and the code in {@code error}, and {@code token_type} may be {@code bot}
 * or {@code user} instead of Bearer (the token is sent with {@code auth.scheme} whatever the type says).
 */
final class TokenAnswer {

    private static final int MAX_DESCRIPTION = 200;

    private TokenAnswer() {
    }

    static Grant read(String provider, OAuthSettings settings, HTTPResponse response) {
        int status = response.getStatusCode();
        JSONObject json;
        try {
            json = JSONObjectUtils.parse(response.getBody() == null ? "" : response.getBody());
        } catch (ParseException e) {
            if (status >= 400) {
                throw refused(provider, settings, String.valueOf(status), null);
            }
            throw IntegrationException.of(ErrorCode.UPSTREAM_ERROR, provider + ": the token endpoint answered " + status
                    + " without a JSON object").notSent().build();
        }
        if (status != 200 || Boolean.FALSE.equals(json.get("ok")) || json.get("error") != null) {
            Object code = json.get("error");
            throw refused(provider, settings, code instanceof String s ? s : String.valueOf(status), json.get("error_description"));
        }
        Object type = json.get("token_type");
        if (!(type instanceof String name) || !(AccessTokenType.BEARER.getValue().equalsIgnoreCase(name)
                || AccessTokenType.DPOP.getValue().equalsIgnoreCase(name))) {
            json.put("token_type", AccessTokenType.BEARER.getValue());
        }
        Tokens tokens;
        try {
            tokens = AccessTokenResponse.parse(json).getTokens();
        } catch (ParseException e) {
            // Nimbus names the member that is missing or malformed, never its value.
            throw IntegrationException.of(ErrorCode.UPSTREAM_ERROR, provider + ": the token endpoint's answer is not a token: "
                    + e.getMessage()).notSent().build();
        }
        long lifetime = tokens.getAccessToken().getLifetime();
        return new Grant(tokens.getAccessToken().getValue(), lifetime > 0 ? Duration.ofSeconds(lifetime) : null,
                tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue());
    }

    /** A refusal names what to fix: the client's credentials or the refresh token. */
    private static IntegrationException refused(String provider, OAuthSettings settings, String code, Object description) {
        String hint = switch (code) {
            case "invalid_client", "unauthorized_client", "invalid_client_id", "bad_client_secret" ->
                    "; check " + settings.clientIdEnv() + " and " + settings.clientSecretEnv();
            case "invalid_grant", "invalid_refresh_token" -> settings.rotates()
                    ? "; the refresh token is revoked, expired or already used: set a new one in " + settings.refreshTokenEnv()
                    : "";
            default -> "";
        };
        String clean = description instanceof String d ? d.replaceAll("[\\r\\n\\t]+", " ").strip() : "";
        String text = clean.isEmpty() ? "" : " (" + clean.substring(0, Math.min(clean.length(), MAX_DESCRIPTION)) + ")";
        return IntegrationException.of(ErrorCode.UNAUTHORIZED, provider + ": the token endpoint refused the " + settings.grant()
                + " grant: " + code + text + hint).notSent().build();
    }
}
