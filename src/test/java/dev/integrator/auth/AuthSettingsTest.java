package dev.integrator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's {@code auth} block: a static token, or an {@code oauth} block bound over {@code oauthDefaults}, checked at once. */
class AuthSettingsTest {

    private static final Path ROUTES = Path.of("routes");

    private static Map<String, ProviderConfig> load(String auth, Map<String, String> env, List<String> problems) throws IOException {
        JsonNode override = Json.YAML.readTree(auth);
        return ProviderLoader.loadAll(ROUTES, env, Map.of("github", override), problems);
    }

    @Test
    void a_provider_without_oauth_keeps_its_static_token_and_refuses_no_codes() throws IOException {
        List<String> problems = new ArrayList<>();

        ProviderConfig.Auth auth = load("{}", Map.of(), problems).get("github").auth();

        assertThat(problems).isEmpty();
        assertThat(auth).isEqualTo(new ProviderConfig.Auth("Bearer", "GITHUB_TOKEN", null, List.of()));
    }

    @Test
    void what_an_oauth_block_leaves_out_comes_from_the_defaults_and_the_token_url_from_its_env() throws IOException {
        List<String> problems = new ArrayList<>();

        ProviderConfig.Auth auth = load("""
                auth:
                  tokenEnv: null
                  oauth:
                    grant: refresh_token
                    tokenUrl: https://slack.com/api/oauth.v2.access
                    tokenUrlEnv: GITHUB_TOKEN_URL
                    clientIdEnv: GITHUB_CLIENT_ID
                    clientSecretEnv: GITHUB_CLIENT_SECRET
                    refreshTokenEnv: GITHUB_REFRESH_TOKEN
                  refusedCodes: [token_expired]
                errors:
                  codePointers: [/error]
                """, Map.of("GITHUB_TOKEN_URL", "http://127.0.0.1:9999/token"), problems).get("github").auth();

        assertThat(problems).isEmpty();
        assertThat(auth.oauth()).isEqualTo(new OAuthSettings("refresh_token", "http://127.0.0.1:9999/token", "GITHUB_TOKEN_URL",
                "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GITHUB_REFRESH_TOKEN", List.of(), null, 60));
        assertThat(auth.refusedCodes()).containsExactly("token_expired");
    }

    @Test
    void every_problem_of_the_auth_block_is_reported_at_once() throws IOException {
        List<String> problems = new ArrayList<>();

        Map<String, ProviderConfig> providers = load("""
                auth:
                  oauth:
                    grant: password
                    tokenUrl: http://auth.example.test/token
                    clientIdEnv: client id
                    clientSecretEnv: null
                    refreshTokenEnv: GITHUB_REFRESH_TOKEN
                    scopes: ["repo read"]
                    skewSeconds: -1
                  refusedCodes: [token_expired]
                """, Map.of(), problems);

        assertThat(providers).doesNotContainKey("github");
        assertThat(String.join("\n", problems))
                .contains("auth.tokenEnv must be null when auth.oauth is set (the token comes from the token endpoint), but was GITHUB_TOKEN")
                .contains("auth.oauth.grant must be client_credentials or refresh_token, but was password")
                .contains("auth.oauth.clientIdEnv must be an environment variable name, but was client id")
                .contains("auth.oauth.clientSecretEnv must be an environment variable name, but was null")
                .contains("auth.oauth.refreshTokenEnv must be null with grant password, but was GITHUB_REFRESH_TOKEN")
                .contains("auth.oauth.scopes must be a list of scope tokens (no spaces, quotes or backslashes), but was [repo read]")
                .contains("auth.oauth.skewSeconds must be >= 0, but was -1")
                .contains("auth.oauth.tokenUrl must be https, or http to a loopback host (127.0.0.0/8, ::1, localhost) unless "
                        + "allowInsecureHttp is true, but was http://auth.example.test/token")
                .contains("errors.codePointers must be where the provider's error code is when auth.refusedCodes is set, but was []");
        assertThat(problems).hasSize(9);
    }
}
