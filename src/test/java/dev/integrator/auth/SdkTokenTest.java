package dev.integrator.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.Envelope;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SDK-backed operation takes each attempt's token from the provider's token source, as the HTTP client does:
 * Slack's invalid_auth on a cached OAuth token refreshes it once and the SDK call is retried with the new one.
 */
class SdkTokenTest {

    @TempDir
    Path dir;
    private final WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private TokenEndpointStub endpoint;
    private Integrator integrator;

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        slack.stop();
        endpoint.close();
    }

    @Test
    void slacks_invalid_auth_refreshes_the_token_once_and_the_sdk_call_is_retried_with_the_new_one() throws Exception {
        slack.start();
        endpoint = new TokenEndpointStub(form -> TokenEndpointStub.token("xoxb-rotated-" + endpoint.count(), 43200));
        slack.stubFor(post(urlEqualTo("/api/conversations.list")).withHeader("Authorization", equalTo("Bearer xoxb-rotated-1"))
                .willReturn(okJson("{\"ok\": false, \"error\": \"invalid_auth\"}")));
        slack.stubFor(post(urlEqualTo("/api/conversations.list")).withHeader("Authorization", equalTo("Bearer xoxb-rotated-2"))
                .willReturn(okJson("{\"ok\": true, \"channels\": [], \"response_metadata\": {\"next_cursor\": \"\"}}")));
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BASE_URL", slack.baseUrl() + "/api", "SLACK_TOKEN_URL", endpoint.url(),
                "SLACK_CLIENT_ID", "client-1", "SLACK_CLIENT_SECRET", "client-secret-c2xhY2tzZWNyZXQ",
                "INTEGRATOR_DATA_DIR", dir.resolve("data").toString()));
        ObjectNode settings = Json.MAPPER.valueToTree(Map.of("auth", Map.of("oauth", Map.of("grant", OAuthSettings.CLIENT_CREDENTIALS,
                "tokenUrl", "https://slack.com/api/oauth.v2.access", "tokenUrlEnv", "SLACK_TOKEN_URL",
                "clientIdEnv", "SLACK_CLIENT_ID", "clientSecretEnv", "SLACK_CLIENT_SECRET"))));
        settings.with("auth").putNull("tokenEnv");
        integrator = Integrator.builder().env(env).override("slack", settings).withoutOperationBudgets().driftSamples(0).start();

        Envelope envelope = integrator.call("slack.conversations.list", Map.of());

        assertThat(envelope.ok()).as("%s", envelope.error()).isTrue();
        assertThat(endpoint.count()).isEqualTo(2);
        List<String> sent = slack.findAll(postRequestedFor(urlEqualTo("/api/conversations.list"))).stream()
                .map(LoggedRequest::getHeaders).map(h -> h.getHeader("Authorization").firstValue()).toList();
        assertThat(sent).containsExactly("Bearer xoxb-rotated-1", "Bearer xoxb-rotated-2");
    }
}
