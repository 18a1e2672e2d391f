package dev.integrator.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** WireMock as Slack's Web API under {@code /api}, and an integrator whose SDK-backed slack operations call it. */
final class SlackStub implements AutoCloseable {

    static final String TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";

    final WireMockServer slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private Integrator integrator;

    SlackStub() {
        slack.start();
    }

    /**
     * The integrator over the project's definitions, quick retries and a wide budget; {@code settings} adds to them. A
     * second start replaces the first integrator.
     */
    Integrator start(String baseUrl, String settings) {
        if (integrator != null) {
            integrator.close();
        }
        JsonNode override = json("{\"retry\": {\"initialDelayMs\": 1, \"maxDelayMs\": 5, \"jitter\": 0},"
                + " \"budget\": {\"requestsPerSecond\": 1000, \"burst\": 1000, \"maxWaitMs\": 5000}" + settings + "}");
        integrator = Integrator.builder().env(Map.of("SLACK_BASE_URL", baseUrl, "SLACK_BOT_TOKEN", TOKEN))
                .override("slack", override).withoutOperationBudgets().driftSamples(0).start();
        return integrator;
    }

    Integrator start() {
        return start(slack.baseUrl() + "/api", "");
    }

    /** Slack's answer to {@code method}, such as conversations.list; the SDK posts every method as a form. */
    void answers(String method, ResponseDefinitionBuilder answer) {
        slack.stubFor(WireMock.post(urlEqualTo("/api/" + method)).willReturn(answer));
    }

    int requests(String method) {
        return slack.findAll(postRequestedFor(urlEqualTo("/api/" + method))).size();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (integrator != null) {
            integrator.close();
        }
        slack.stop();
    }
}
