package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.Envelope;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One JSON event per upstream attempt and one per call, with the fields on-call reads; the same fields as text. */
class StructuredLogTest extends GitHubStub {

    @Test
    void each_attempt_and_the_outcome_are_one_json_event_each() throws Exception {
        getInTurn("/repos/apache/camel", status(503), okJson(repoJson()));
        List<JsonNode> events = new ArrayList<>();
        Envelope env;
        try (LogCapture logs = LogCapture.json(Level.INFO, "integrator")) {
            env = integrator.call("github.repos.get", repo("apache", "camel"), "corr-42");
            for (String line : logs.lines()) {
                events.add(Json.MAPPER.readTree(line));
            }
        }

        assertThat(env.ok()).isTrue();
        assertThat(events).extracting(e -> e.path("logger_name").asText())
                .containsExactly("integrator.attempt", "integrator.attempt", "integrator.call");
        JsonNode retried = events.get(0);
        assertThat(retried.path("level").asText()).isEqualTo("INFO");
        assertThat(retried.path("@timestamp").asText()).isNotEmpty();
        assertThat(retried.path("provider").asText()).isEqualTo("github");
        assertThat(retried.path("operation").asText()).isEqualTo("github.repos.get");
        assertThat(retried.path("contract").asText()).isEqualTo("github.repos.v1");
        assertThat(retried.path("correlationId").asText()).isEqualTo("corr-42");
        assertThat(retried.path("attempt").asInt()).isEqualTo(1);
        assertThat(retried.path("status").asInt()).isEqualTo(503);
        assertThat(retried.path("code").asText()).isEqualTo("UPSTREAM_ERROR");
        assertThat(retried.path("breaker").asText()).isEqualTo("CLOSED");
        assertThat(retried.has("latencyMs")).isTrue();
        assertThat(retried.has("throttleWaitMs")).isTrue();
        assertThat(events.get(1).path("attempt").asInt()).isEqualTo(2);
        assertThat(events.get(1).path("status").asInt()).isEqualTo(200);
        assertThat(events.get(1).has("code")).as("a successful attempt has no error code").isFalse();
        JsonNode outcome = events.get(2);
        assertThat(outcome.path("outcome").asText()).isEqualTo("ok");
        assertThat(outcome.path("attempts").asInt()).isEqualTo(2);
        assertThat(outcome.path("status").asInt()).isEqualTo(200);
        assertThat(outcome.path("correlationId").asText()).isEqualTo("corr-42");
        assertThat(outcome.has("durationMs")).isTrue();
    }

    @Test
    void a_failed_call_logs_its_error_code() throws Exception {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/gone")
                .willReturn(status(404)));
        JsonNode outcome;
        try (LogCapture logs = LogCapture.json(Level.INFO, "integrator.call")) {
            integrator.call("github.repos.get", repo("apache", "gone"));
            outcome = Json.MAPPER.readTree(logs.lines().get(0));
        }

        assertThat(outcome.path("outcome").asText()).isEqualTo("error");
        assertThat(outcome.path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(outcome.path("status").asInt()).isEqualTo(404);
        assertThat(outcome.path("message").asText()).contains("outcome=error").contains("code=NOT_FOUND");
    }

    @Test
    void the_text_format_shows_the_same_fields_as_name_value_pairs() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/camel").willReturn(okJson(repoJson())));
        List<String> lines;
        try (LogCapture logs = LogCapture.text(Level.INFO, "integrator")) {
            integrator.call("github.repos.get", repo("apache", "camel"), "corr-7");
            lines = logs.lines();
        }

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("integrator.attempt").contains("operation=github.repos.get").contains("correlationId=corr-7")
                .contains("attempt=1").contains("status=200");
        assertThat(lines.get(1)).contains("integrator.call").contains("outcome=ok").contains("attempts=1").doesNotStartWith("{");
    }

    @Test
    void at_the_default_level_of_the_command_line_nothing_is_logged_for_a_good_call() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/camel").willReturn(okJson(repoJson())));
        try (LogCapture logs = LogCapture.text(Level.WARN, "integrator")) {
            integrator.call("github.repos.get", repo("apache", "camel"));
            assertThat(logs.output()).isEmpty();
        }
    }

    @Test
    void the_providers_request_id_of_the_last_answer_is_in_the_meta_and_each_log_event() throws Exception {
        getInTurn("/repos/apache/camel", status(503).withHeader("X-GitHub-Request-Id", "A1B2:0001"),
                okJson(repoJson()).withHeader("X-GitHub-Request-Id", "A1B2:0002"));
        List<JsonNode> events = new ArrayList<>();
        Envelope env;
        try (LogCapture logs = LogCapture.json(Level.INFO, "integrator")) {
            env = integrator.call("github.repos.get", repo("apache", "camel"));
            for (String line : logs.lines()) {
                events.add(Json.MAPPER.readTree(line));
            }
        }

        assertThat(env.meta().providerRequestId()).isEqualTo("A1B2:0002");
        assertThat(Json.MAPPER.valueToTree(env).path("meta").path("providerRequestId").asText()).isEqualTo("A1B2:0002");
        assertThat(events).extracting(e -> e.path("providerRequestId").asText()).containsExactly("A1B2:0001", "A1B2:0002", "A1B2:0002");
    }

    @Test
    void an_envelope_without_a_providers_request_id_has_no_such_field_and_one_from_the_provider_is_cleaned() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/odd").willReturn(status(404)
                .withHeader("X-GitHub-Request-Id", " req 42\t" + "x".repeat(300))));

        Envelope without = integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope odd = integrator.call("github.repos.get", repo("apache", "odd"));

        assertThat(Json.MAPPER.valueToTree(without).path("meta").has("providerRequestId")).isFalse();
        assertThat(odd.meta().providerRequestId()).as("visible ASCII only, bounded").startsWith("req42xxx").hasSize(128);
    }
}
