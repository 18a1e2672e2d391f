package dev.integrator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import dev.integrator.scenarios.AcmeUnderTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCommandTest extends GitHubStub {

    private final CommandLine cli = new CommandLine();

    private int run(String... args) {
        return cli.run(env(), args);
    }

    private JsonNode stdout() throws Exception {
        return Json.MAPPER.readTree(cli.stdout());
    }

    @Test
    void an_ok_call_prints_the_ok_envelope_and_exits_0() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        assertThat(run("call", "github.repos.get", "owner=apache", "repo=camel")).isZero();

        JsonNode envelope = stdout();
        assertThat(envelope.path("ok").asBoolean()).isTrue();
        assertThat(envelope.path("data").path("fullName").asText()).isEqualTo("apache/camel");
        assertThat(envelope.path("meta").path("operation").asText()).isEqualTo("github.repos.get");
        assertThat(envelope.path("meta").path("contract").asText()).isEqualTo("github.repos.v1");
    }

    @Test
    void a_write_takes_the_callers_idempotency_key_from_the_command_line(@TempDir Path dir) throws Exception {
        github.stubFor(post("/v1/payment_intents").willReturn(okJson("""
                {"id": "pi_3Nq", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
                 "customer": null, "created": 1795693200}
                """)));
        Map<String, String> env = new HashMap<>(env());
        env.put("INTEGRATOR_HOME", AcmeUnderTest.copyHome(dir).toString());
        env.put("ACME_BASE_URL", github.baseUrl());

        assertThat(cli.run(env, "call", "acme.payment_intents.create", "amount=2000", "currency=eur", "idempotencyKey=abc"))
                .as(cli.stdout()).isZero();

        github.verify(postRequestedFor(urlEqualTo("/v1/payment_intents")).withHeader("Acme-Idempotency-Key", equalTo("abc"))
                .withRequestBody(containing("amount=2000")).withRequestBody(notContaining("abc")));
    }

    @Test
    void an_error_envelope_exits_1() throws Exception {
        github.stubFor(get("/repos/apache/nope").willReturn(jsonResponse(Map.of("message", "Not Found"), 404)));

        assertThat(run("call", "github.repos.get", "owner=apache", "repo=nope")).isEqualTo(1);

        assertThat(stdout().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void command_line_strings_are_typed_by_the_contract() throws Exception {
        github.stubFor(get(urlPathEqualTo("/repos/apache/camel/issues")).willReturn(okJson("[]")));

        assertThat(run("call", "github.issues.list", "owner=apache", "repo=camel", "per_page=5", "page=2")).isZero();

        github.verify(getRequestedFor(urlPathEqualTo("/repos/apache/camel/issues"))
                .withQueryParam("per_page", equalTo("5")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void a_bad_parameter_value_is_an_invalid_request_envelope_without_a_call() throws Exception {
        assertThat(run("call", "github.issues.list", "owner=apache", "repo=camel", "per_page=lots")).isEqualTo(1);

        assertThat(stdout().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(requests()).isEmpty();
    }

    @Test
    void parameters_over_the_size_limit_are_an_invalid_request_envelope_without_a_call() throws Exception {
        github.stubFor(post("/repos/apache/camel/labels").willReturn(okJson(labelJson("bug")).withStatus(201)));

        assertThat(run("call", "github.labels.create", "owner=apache", "repo=camel", "name=" + "q".repeat(1_100_000))).isEqualTo(1);

        assertThat(stdout().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(stdout().path("error").path("message").asText()).contains("over the limit of 1048576 bytes").doesNotContain("qqqq");
        assertThat(requests()).isEmpty();
    }

    @Test
    void a_list_value_in_json_sends_items_that_hold_commas() throws Exception {
        github.stubFor(post("/repos/apache/camel/issues").willReturn(okJson(issueJson(7)).withStatus(201)));

        assertThat(run("call", "github.issues.create", "owner=apache", "repo=camel", "title=Sync", "labels=[\"a,b\",\"c\"]", "assignees=octocat")).isZero();

        github.verify(postRequestedFor(urlEqualTo("/repos/apache/camel/issues"))
                .withRequestBody(equalToJson("{\"title\": \"Sync\", \"labels\": [\"a,b\", \"c\"], \"assignees\": [\"octocat\"]}")));
    }

    @Test
    void an_empty_list_value_sends_the_empty_list() throws Exception {
        github.stubFor(post("/repos/apache/camel/issues").willReturn(okJson(issueJson(7)).withStatus(201)));

        assertThat(run("call", "github.issues.create", "owner=apache", "repo=camel", "title=Sync", "labels=")).isZero();

        github.verify(postRequestedFor(urlEqualTo("/repos/apache/camel/issues"))
                .withRequestBody(equalToJson("{\"title\": \"Sync\", \"labels\": []}")));
    }

    @Test
    void a_list_value_that_is_broken_json_is_an_invalid_request_envelope_without_a_call() throws Exception {
        assertThat(run("call", "github.issues.create", "owner=apache", "repo=camel", "title=Sync", "labels=[\"a\",")).isEqualTo(1);

        assertThat(stdout().at("/error/code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(stdout().at("/error/details/0/path").asText()).isEqualTo("/labels");
        assertThat(requests()).isEmpty();
    }

    @Test
    void an_internal_envelope_from_the_chain_exits_6_not_1() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        // An interrupted wait for the provider is the chain's INTERNAL (a process shutting down).
        Thread.currentThread().interrupt();
        int exit = run("call", "github.repos.get", "owner=apache", "repo=camel");
        Thread.interrupted();

        assertThat(stdout().at("/error/code").asText()).isEqualTo("INTERNAL");
        assertThat(exit).isEqualTo(6);
    }

    @Test
    void a_failure_outside_the_chain_prints_an_internal_envelope_and_one_line_and_exits_6() throws Exception {
        // Main.run is public: an embedding caller's environment with a null value is a failure nothing checks for.
        Map<String, String> env = env();
        env.put("GITHUB_TOKEN", null);

        assertThat(cli.run(env, "call", "github.repos.get", "owner=apache", "repo=camel")).isEqualTo(6);

        JsonNode envelope = stdout();
        assertThat(envelope.path("ok").asBoolean()).isFalse();
        assertThat(envelope.at("/error/code").asText()).isEqualTo("INTERNAL");
        assertThat(envelope.at("/error/message").asText()).isEqualTo("unexpected failure: NullPointerException");
        assertThat(envelope.at("/error/retryable").asBoolean()).isFalse();
        assertThat(envelope.at("/meta/operation").asText()).isEqualTo("github.repos.get");
        assertThat(cli.stderr().lines().toList()).singleElement().asString().startsWith("integrator failed unexpectedly: NullPointerException");
        assertThat(requests()).isEmpty();
    }

    @Test
    void an_unknown_operation_is_a_usage_error() {
        assertThat(run("call", "github.issues.delete", "owner=apache")).isEqualTo(2);
        assertThat(cli.stderr()).contains("unknown operation 'github.issues.delete'", "github.repos.get");
        assertThat(cli.stdout()).isEmpty();
    }

    @Test
    void a_malformed_argument_is_a_usage_error() {
        assertThat(run("call", "github.repos.get", "owner")).isEqualTo(2);
        assertThat(run("call", "github.repos.get", "=apache")).isEqualTo(2);
        assertThat(run("call", "github.repos.get", "owner=a", "owner=b")).isEqualTo(2);
        assertThat(run("call")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(requests()).isEmpty();
    }
}
