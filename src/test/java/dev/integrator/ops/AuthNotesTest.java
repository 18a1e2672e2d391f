package dev.integrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.json.Json;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ops notes name how a provider's credential is obtained, and every environment variable it reads. */
class AuthNotesTest {

    @Test
    void an_oauth_provider_s_notes_name_its_grant_its_variables_and_where_rotated_tokens_live() throws Exception {
        List<String> problems = new ArrayList<>();
        ProviderConfig.Auth auth = ProviderLoader.loadAll(Path.of("routes"), Map.of(), Map.of("github",
                Json.YAML.readTree("""
                auth:
                  tokenEnv: null
                  oauth: {grant: refresh_token, tokenUrl: "https://slack.com/api/oauth.v2.access",
                  tokenUrlEnv: SLACK_TOKEN_URL,
                          clientIdEnv: SLACK_CLIENT_ID, clientSecretEnv: SLACK_CLIENT_SECRET,
                          refreshTokenEnv: SLACK_REFRESH_TOKEN}
                  refusedCodes: [invalid_auth, token_expired]
                errors: {codePointers: [/error]}
                """)), problems).get("github").auth();

        String rows = AuthNotes.environmentRows(auth);
        String paragraph = AuthNotes.paragraph(auth);

        assertThat(problems).isEmpty();
        assertThat(rows).contains("| `SLACK_TOKEN_URL` | OAuth token endpoint (a stub or a proxy) | `https://slack.com/api/oauth.v2.access` |")
                .contains("`SLACK_CLIENT_ID`").contains("`SLACK_CLIENT_SECRET`").contains("`SLACK_REFRESH_TOKEN`");
        assertThat(paragraph).contains("OAuth 2.0 `refresh_token` grant at `https://slack.com/api/oauth.v2.access`")
                .contains("60 s before its expiry").contains("`invalid_auth`, `token_expired`")
                .contains("`<data>/oauth/<provider>.json`").contains("INTEGRATOR_REDIS_URL");
    }
}
