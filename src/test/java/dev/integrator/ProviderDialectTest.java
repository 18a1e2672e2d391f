package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.chain.RequestStep;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.json.Json;
import dev.integrator.ops.OpsNotes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider behaviour is settings: a copy of the definitions whose GitHub settings speak another provider's dialect
 * (Slack's error inside a 200, Stripe's error object and form bodies, a reset in seconds from now) runs through the
 * same chain, against WireMock, with no code of its own.
 */
class ProviderDialectTest {

    private static final String GITHUB_ERRORS = """
            errors:
              messagePointer: /message
              detailsPointer: /errors            # 422 field errors: [{resource, field, code, message}]
            """;
    /** Slack: every answer is a 200 with ok; a failure says ok: false and names itself in error. */
    private static final String SLACK_ERRORS = """
            errors:
              errorWhen: {pointer: /ok, equals: false}
              codePointers: [/error]
              codes: {channel_not_found: NOT_FOUND, ratelimited: RATE_LIMITED, missing_scope: FORBIDDEN}
              messagePointer: /error
              detailsPointer: ""
              detailFields: [error, needed]
            """;
    /** Stripe: an error object whose code, else type, names the failure; Stripe-Should-Retry decides retries. */
    private static final String STRIPE_ERRORS = """
            errors:
              codePointers: [/error/code, /error/type]
              codes: {idempotency_error: CONFLICT, card_error: UNPROCESSABLE, lock_timeout: CONFLICT}
              messagePointer: /error/message
              detailsPointer: /error
              detailFields: [type, code, decline_code, param]
              retryHeader: Stripe-Should-Retry
            """;
    private static final Instant NOW = Instant.parse("2026-11-26T08:30:00Z");

    @TempDir
    Path dir;
    private TempHome home;
    private WireMockServer provider;
    private Integrator integrator;

    @BeforeEach
    void copyDefinitionsAndStartTheStub() throws IOException {
        home = TempHome.copyOf(dir.resolve("home"), "routes", "contracts");
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        provider.stop();
    }

    private Integrator start() {
        integrator = Integrator.builder().home(home.path()).timeSource(new ManualTime(NOW))
                .env(Map.of("GITHUB_BASE_URL", provider.baseUrl(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()))
                .override("github", json("""
                        {"retry": {"initialDelayMs": 1, "maxDelayMs": 5, "jitter": 0},
                         "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000}}
                        """))
                .start();
        return integrator;
    }

    private void settings(String from, String to) throws IOException {
        home.edit("routes/github/provider.yaml", from, to);
    }

    private Envelope getRepo() {
        return integrator.call("github.repos.get", Map.of("owner", "o", "repo", "r"));
    }

    private void repoAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        provider.stubFor(get(urlEqualTo("/repos/o/r")).willReturn(answer));
    }

    private int requests() {
        return provider.findAll(anyRequestedFor(anyUrl())).size();
    }

    @Test
    void an_error_inside_a_200_is_found_by_the_error_predicate_and_mapped_by_the_providers_code_table() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        start();
        repoAnswers(okJson("{\"ok\": false, \"error\": \"channel_not_found\"}"));

        Envelope env = getRepo();

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(env.error().status()).isEqualTo(200);
        assertThat(env.error().message()).contains("channel_not_found");
        assertThat(requests()).as("a provider's answer, not retried").isEqualTo(1);
    }

    @Test
    void a_missing_scope_inside_a_200_is_forbidden_with_the_needed_scope_in_the_details() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        start();
        repoAnswers(okJson("{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"channels:read\", \"provided\": \"chat:write\"}"));

        Envelope env = getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(env.error().details()).containsExactly(Map.of("error", "missing_scope", "needed", "channels:read"));
    }

    @Test
    void an_error_string_the_table_lacks_is_an_upstream_error_naming_it_in_the_details() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        start();
        repoAnswers(okJson("{\"ok\": false, \"error\": \"team_added_to_org\"}"));

        Envelope env = getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().details()).containsExactly(Map.of("error", "team_added_to_org"));
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void a_rate_limit_inside_a_200_is_rate_limited_with_the_providers_default_wait() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        start();
        repoAnswers(okJson("{\"ok\": false, \"error\": \"ratelimited\"}"));

        Envelope env = getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).as("rateLimit.defaultWaitMs, over maxWaitMs: failed at once").isEqualTo(60_000);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void a_200_whose_predicate_value_is_absent_is_an_answer_like_any_other() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        start();
        repoAnswers(okJson(GitHubStub.repoJson()));

        assertThat(getRepo().ok()).isTrue();
    }

    @Test
    void stripes_error_object_maps_by_its_type_and_keeps_type_code_and_param_in_the_details() throws IOException {
        settings(GITHUB_ERRORS, STRIPE_ERRORS);
        start();
        repoAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be used with the same parameters"}}
                """));

        Envelope env = getRepo();

        assertThat(env.error().code()).as("by type, not by the 400").isEqualTo(ErrorCode.CONFLICT);
        assertThat(env.error().message()).contains("Keys for idempotent requests");
        assertThat(env.error().details()).containsExactly(Map.of("type", "idempotency_error"));
    }

    @Test
    void stripes_error_code_wins_over_its_type_and_a_decline_code_is_kept() throws IOException {
        settings(GITHUB_ERRORS, STRIPE_ERRORS);
        start();
        repoAnswers(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                           "param": "payment_method", "message": "Your card has insufficient funds."}}
                """));

        Envelope env = getRepo();

        assertThat(env.error().code()).as("card_declined is not in the table; card_error is").isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(env.error().details()).containsExactly(Map.of("type", "card_error", "code", "card_declined",
                "decline_code", "insufficient_funds", "param", "payment_method"));
    }

    @Test
    void the_providers_retry_header_decides_whether_an_answer_is_retried() throws IOException {
        settings(GITHUB_ERRORS, STRIPE_ERRORS);
        start();
        repoAnswers(aResponse().withStatus(409).withHeader("Stripe-Should-Retry", "true")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"lock_timeout\"}}"));

        assertThat(getRepo().error().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(requests()).as("Stripe-Should-Retry: true, on every attempt").isEqualTo(3);

        provider.resetAll();
        repoAnswers(aResponse().withStatus(503).withHeader("Stripe-Should-Retry", "false"));

        assertThat(getRepo().error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).as("Stripe-Should-Retry: false, even on a 503").isEqualTo(1);
    }

    @Test
    void a_form_encoded_provider_gets_its_body_as_a_form_with_nested_keys() throws IOException {
        settings("provider: github\n", "provider: github\nbodyEncoding: form\n");
        start();
        provider.stubFor(post(urlEqualTo("/repos/o/r/issues")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitHubStub.issueJson(7))));

        Envelope env = integrator.call("github.issues.create", Map.of("owner", "o", "repo", "r", "title", "Sync fails",
                "body", "a & b = c", "labels", List.of("bug", "ui"), "assignees", List.of()));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        LoggedRequest sent = provider.findAll(postRequestedFor(urlEqualTo("/repos/o/r/issues"))).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sent.getBodyAsString().split("&")).as("an empty list unsets: assignees=")
                .containsExactlyInAnyOrder("title=Sync+fails", "body=a+%26+b+%3D+c", "labels[0]=bug", "labels[1]=ui", "assignees=");
    }

    @Test
    void a_reset_in_seconds_from_now_is_read_as_a_wait_not_as_an_epoch() throws IOException {
        settings("  resetFormat: epochSeconds\n", "  resetFormat: secondsFromNow\n");
        start();
        repoAnswers(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "30")
                .withBody("{\"message\": \"API rate limit exceeded\"}"));

        Envelope env = getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).isEqualTo(30_000);
        assertThat(requests()).as("30 s is over maxWaitMs: failed at once").isEqualTo(1);
    }

    @Test
    void a_reset_as_an_http_date_is_the_time_until_that_date() throws IOException {
        settings("  resetFormat: epochSeconds\n", "  resetFormat: httpDate\n");
        start();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(60).atOffset(ZoneOffset.UTC));
        repoAnswers(aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", inAMinute));

        assertThat(getRepo().error().retryAfterMs()).isEqualTo(60_000);
    }

    @Test
    void the_idempotency_header_carries_the_callers_key_past_the_declared_headers_rule() throws IOException {
        settings("provider: github\n", "provider: github\nidempotencyHeader: Idempotency-Key\n");
        start();
        provider.stubFor(post(urlEqualTo("/repos/o/r/labels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitHubStub.labelJson("bug"))));

        Object label = integrator.camel().createProducerTemplate().requestBodyAndHeader("direct:github.labels.create",
                Map.of("owner", "o", "repo", "r", "name", "bug", "color", "d73a4a"), RequestStep.IDEMPOTENCY_KEY_HEADER, "key-0001");

        assertThat(label).isNotNull();
        provider.verify(postRequestedFor(urlEqualTo("/repos/o/r/labels")).withHeader("Idempotency-Key", equalTo("key-0001")));
    }

    @Test
    void a_secret_shape_in_the_providers_settings_is_masked_where_the_provider_echoes_it() throws IOException {
        settings("secretShapes:\n", "secretShapes:\n  - \"(?<![A-Za-z0-9])sk_(?:live|test)_[A-Za-z0-9]{10,}\"\n");
        start();
        repoAnswers(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API Key provided: sk_live_51Habcdefghijklmnop\"}"));

        Envelope env = getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(env.error().message()).contains("Invalid API Key provided: ***").doesNotContain("sk_live_51H");
    }

    @Test
    void sentinels_point_the_variable_named_by_base_url_env_at_the_sandbox() throws IOException {
        TempHome renamed = TempHome.copyOf(dir.resolve("renamed"), "routes", "contracts", "fixtures");
        // The real API is out of reach: a replay that missed the variable would fail, not call GitHub.
        renamed.edit("routes/github/provider.yaml", "baseUrlEnv: GITHUB_BASE_URL\nbaseUrl: https://api.github.com",
                "baseUrlEnv: GH_API_ROOT\nbaseUrl: https://127.0.0.1:9");
        Fixture fixture = Fixtures.load(renamed.resolve("fixtures"), "github.repos.v1", "good", "get-public-org-repo");

        try (Sentinels sentinels = new Sentinels(renamed.path())) {
            Sentinels.Result result = sentinels.replay(fixture);

            assertThat(result.passed()).as("%s", result.problem()).isTrue();
        }
    }

    @Test
    void the_ops_notes_describe_the_providers_dialect_encoding_and_headers() throws IOException {
        settings(GITHUB_ERRORS, SLACK_ERRORS);
        settings("provider: github\n", "provider: github\nbodyEncoding: form\nidempotencyHeader: Idempotency-Key\n");
        settings("  resetFormat: epochSeconds\n", "  resetFormat: secondsFromNow\n");
        start();

        String notes = OpsNotes.render(integrator.provider("github").config(), List.copyOf(integrator.operations().all()), Map.of());

        assertThat(notes).contains("A success answer whose `/ok` is `false` is an error too (`errors.errorWhen`)",
                "`channel_not_found` NOT_FOUND", "`Idempotency-Key` with the caller's idempotency key",
                "Body parameters are sent as a form", "`X-RateLimit-Reset` (seconds from now, `rateLimit.resetFormat`)");
    }

    @Test
    void every_problem_in_the_new_settings_is_reported_at_once() throws IOException {
        settings("provider: github\n", "provider: github\nbodyEncoding: xml\nidempotencyHeader: \"Idempotency Key\"\n");
        settings("  - \"(?<![A-Za-z0-9])github_pat_", "  - \"ghp_[\"\n  - \"(?<![A-Za-z0-9])github_pat_");
        settings("  resetFormat: epochSeconds\n", "  resetFormat: minutes\n");
        settings(GITHUB_ERRORS, """
                errors:
                  statuses: {404: MISSING}
                  codes: {card_error: PAYMENT}
                  messagePointer: message
                """);

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bodyEncoding must be json or form, but was xml")
                .hasMessageContaining("idempotencyHeader must be a header name")
                .hasMessageContaining("secretShapes must be a regular expression, but was ghp_[")
                .hasMessageContaining("rateLimit.resetFormat must be one of [epochSeconds, secondsFromNow, httpDate], but was minutes")
                .hasMessageContaining("errors.statuses.404 must be one of")
                .hasMessageContaining("errors.codes.card_error must be one of")
                .hasMessageContaining("errors.codePointers must name where the provider's error code is")
                .hasMessageContaining("errors.messagePointer must be a JSON Pointer ('' or starting with '/'), but was message");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
