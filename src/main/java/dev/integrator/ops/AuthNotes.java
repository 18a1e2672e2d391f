package dev.integrator.ops;

import dev.integrator.auth.OAuthSettings;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.redis.RedisEnv;
import java.util.List;

/** The ops notes' part on a provider's credential: how it is obtained, from which environment variables. */
final class AuthNotes {

    private AuthNotes() {
    }

    /** The rows of the environment table that name the credential's variables. */
    static String environmentRows(ProviderConfig.Auth auth) {
        StringBuilder md = new StringBuilder();
        if (auth == null) {
            return "";
        }
        if (auth.tokenEnv() != null) {
            md.append("| `").append(auth.tokenEnv()).append("` | credential, sent as `Authorization: ")
                    .append(auth.scheme()).append(" ...` only to the base URL's own scheme, host and port;")
                    .append(" never logged")
                    .append(" | unset: anonymous |\n");
        }
        OAuthSettings oauth = auth.oauth();
        if (oauth != null) {
            if (oauth.tokenUrlEnv() != null) {
                md.append("| `").append(oauth.tokenUrlEnv()).append("` | OAuth token endpoint (a stub or a proxy) | `")
                        .append(oauth.tokenUrl()).append("` |\n");
            }
            md.append("| `").append(oauth.clientIdEnv()).append("` | OAuth client id | required |\n");
            md.append("| `").append(oauth.clientSecretEnv())
                    .append("` | OAuth client secret, sent to the token endpoint only; never logged | required |\n");
            if (oauth.rotates()) {
                md.append("| `").append(oauth.refreshTokenEnv())
                        .append("` | the first refresh token; rotated ones are stored, and a new "
                        + "value set here replaces them | required until a rotated one is stored |\n");
            }
        }
        return md.toString();
    }

    /** How the credential is obtained and renewed. */
    static String paragraph(ProviderConfig.Auth auth) {
        if (auth == null || auth.oauth() == null) {
            boolean none = auth == null || auth.tokenEnv() == null;
            String token = none ? "none" : "a static token from `" + auth.tokenEnv() + "`";
            return "\nCredential (`auth`): " + token + ".\n";
        }
        OAuthSettings oauth = auth.oauth();
        StringBuilder md = new StringBuilder("\nCredential (`auth.oauth`): OAuth 2.0 `").append(oauth.grant())
                .append("` grant at `")
                .append(oauth.tokenUrl()).append("` (client authenticated with HTTP Basic");
        if (!oauth.scopes().isEmpty()) {
            md.append(", scopes `").append(String.join(" ", oauth.scopes())).append('`');
        }
        if (oauth.audience() != null) {
            md.append(", audience `").append(oauth.audience()).append('`');
        }
        md.append("). A token is fetched again ").append(oauth.skewSeconds())
                .append(" s before its expiry (half-way through a shorter "
                + "life), one request for all callers at once. A 401");
        if (!auth.refusedCodes().isEmpty()) {
            List<String> codes = auth.refusedCodes().stream().map(code -> "`" + code + "`").toList();
            md.append(" or a provider code ").append(String.join(", ", codes));
        }
        md.append(" drops the token: the call gets one new token and one retry, not counted in its attempts. Token "
                + "endpoint down (5xx, 429, unreachable): `UNAVAILABLE`, retried with the call's backoff; a refusal "
                + "(`invalid_client`, `invalid_grant`): `UNAUTHORIZED`, not retried.");
        if (oauth.rotates()) {
            md.append(" Each answer's new refresh token replaces the old one before it is used: in `<data>/oauth/")
                    .append("<provider>.json` (owner-only, replaced atomically), or in Redis under ")
                    .append("`<prefix>:oauth:<provider>` when `")
                    .append(RedisEnv.URL).append("` is set.");
        }
        return md.append('\n').toString();
    }
}
