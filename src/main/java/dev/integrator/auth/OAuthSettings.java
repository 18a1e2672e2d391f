package dev.integrator.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * How a provider's tokens are fetched from an OAuth 2.0 token endpoint ({@code auth.oauth}; what a provider leaves
 * out comes from {@code oauthDefaults}). {@code grant} is {@value #CLIENT_CREDENTIALS} or {@value #REFRESH_TOKEN}
 * (rotation: each answer's new refresh token replaces the old one in the token store). The client id and secret, and
 * the first refresh token, are read from the environment variables named here, never written in the settings.
 * {@code tokenUrlEnv}, when set and present, replaces {@code tokenUrl}. A token is fetched again {@code skewSeconds}
 * before the expiry its answer gave.
 */
public record OAuthSettings(
        String grant,
        String tokenUrl,
        String tokenUrlEnv,
        String clientIdEnv,
        String clientSecretEnv,
        String refreshTokenEnv,
        List<String> scopes,
        String audience,
        long skewSeconds) {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    public boolean rotates() {
        return REFRESH_TOKEN.equals(grant);
    }

    /** The same settings with the token URL the environment gave. */
    public OAuthSettings withTokenUrl(String url) {
        return new OAuthSettings(grant, url, tokenUrlEnv, clientIdEnv, clientSecretEnv, refreshTokenEnv, scopes, audience, skewSeconds);
    }

    /** Every problem, as "auth.oauth.field must be rule, but was value"; the token URL is checked by the loader. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, CLIENT_CREDENTIALS.equals(grant) || REFRESH_TOKEN.equals(grant), "grant",
                CLIENT_CREDENTIALS + " or " + REFRESH_TOKEN, grant);
        check(problems, clientIdEnv != null && clientIdEnv.matches(ENV_NAME), "clientIdEnv", "an environment variable name", clientIdEnv);
        check(problems, clientSecretEnv != null && clientSecretEnv.matches(ENV_NAME), "clientSecretEnv", "an environment variable name",
                clientSecretEnv);
        check(problems, tokenUrlEnv == null || tokenUrlEnv.matches(ENV_NAME), "tokenUrlEnv", "null or an environment variable name",
                tokenUrlEnv);
        check(problems, rotates() ? refreshTokenEnv != null && refreshTokenEnv.matches(ENV_NAME) : refreshTokenEnv == null,
                "refreshTokenEnv", rotates() ? "an environment variable name with grant refresh_token" : "null with grant " + grant,
                refreshTokenEnv);
        check(problems, scopes != null && scopes.stream().allMatch(s -> s != null && s.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")),
                "scopes", "a list of scope tokens (no spaces, quotes or backslashes)", scopes);
        check(problems, audience == null || !audience.isBlank(), "audience", "null or not blank", audience);
        check(problems, skewSeconds >= 0, "skewSeconds", ">= 0", skewSeconds);
        return problems;
    }

    private static void check(List<String> problems, boolean ok, String field, String rule, Object value) {
        if (!ok) {
            problems.add("auth.oauth." + field + " must be " + rule + ", but was " + value);
        }
    }
}
