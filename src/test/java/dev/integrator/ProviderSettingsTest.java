package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.ops.OpsNotes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider behaviour besides errors is settings too: a copy of the definitions whose GitHub settings ask for a form
 * body, a reset in seconds from now or as an HTTP-date, an idempotency header, a secret shape or another base URL
 * variable runs through the same chain, against WireMock, with no code of its own; every problem in them is reported
 * at once.
 */
class ProviderSettingsTest {

    private static final String GITHUB_ERRORS = """
            errors:
              messagePointer: /message
              detailsPointer: /errors            # 422 field errors: [{resource, field, code, message}]
            """;

    @TempDir
    Path dir;
    private SettingsStub stub;

    @BeforeEach
    void copyDefinitionsAndStartTheStub() throws IOException {
        stub = new SettingsStub(dir);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_form_encoded_provider_gets_its_body_as_a_form_with_nested_keys() throws IOException {
        stub.settings("provider: github\n", "provider: github\nbodyEncoding: form\n");
        stub.start();
        stub.provider().stubFor(post(urlEqualTo("/repos/o/r/issues")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitHubStub.issueJson(7))));

        Envelope env = stub.integrator().call("github.issues.create", Map.of("owner", "o", "repo", "r", "title", "Sync fails",
                "body", "a & b = c", "labels", List.of("bug", "ui"), "assignees", List.of()));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        LoggedRequest sent = stub.provider().findAll(postRequestedFor(urlEqualTo("/repos/o/r/issues"))).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sent.getBodyAsString().split("&")).as("an empty list unsets: assignees=")
                .containsExactlyInAnyOrder("title=Sync+fails", "body=a+%26+b+%3D+c", "labels[0]=bug", "labels[1]=ui", "assignees=");
    }

    @Test
    void a_reset_in_seconds_from_now_is_read_as_a_wait_not_as_an_epoch() throws IOException {
        stub.settings("  resetFormat: epochSeconds\n", "  resetFormat: secondsFromNow\n");
        stub.start();
        stub.repoAnswers(aResponse().withStatus(403).withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "30")
                .withBody("{\"message\": \"API rate limit exceeded\"}"));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).isEqualTo(30_000);
        assertThat(stub.requests()).as("30 s is over maxWaitMs: failed at once").isEqualTo(1);
    }

    @Test
    void a_reset_as_an_http_date_is_the_time_until_that_date() throws IOException {
        stub.settings("  resetFormat: epochSeconds\n", "  resetFormat: httpDate\n");
        stub.start();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(SettingsStub.NOW.plusSeconds(60).atOffset(ZoneOffset.UTC));
        stub.repoAnswers(aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", inAMinute));

        assertThat(stub.getRepo().error().retryAfterMs()).isEqualTo(60_000);
    }

    @Test
    void the_idempotency_header_carries_the_callers_key_past_the_declared_headers_rule() throws IOException {
        stub.settings("provider: github\n", "provider: github\nidempotencyHeader: Idempotency-Key\n");
        stub.start();
        stub.provider().stubFor(post(urlEqualTo("/repos/o/r/labels")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitHubStub.labelJson("bug"))));

        Object label = stub.integrator().camel().createProducerTemplate().requestBodyAndHeader("direct:github.labels.create",
                Map.of("owner", "o", "repo", "r", "name", "bug", "color", "d73a4a"), RequestStep.IDEMPOTENCY_KEY_HEADER, "key-0001");

        assertThat(label).isNotNull();
        stub.provider().verify(postRequestedFor(urlEqualTo("/repos/o/r/labels")).withHeader("Idempotency-Key", equalTo("key-0001")));
    }

    @Test
    void a_secret_shape_in_the_providers_settings_is_masked_where_the_provider_echoes_it() throws IOException {
        stub.settings("secretShapes:\n", "secretShapes:\n  - \"(?<![A-Za-z0-9])sk_(?:live|test)_[A-Za-z0-9]{10,}\"\n");
        stub.start();
        stub.repoAnswers(aResponse().withStatus(401).withBody("{\"message\": \"Invalid API Key provided: sk_live_51Habcdefghijklmnop\"}"));

        Envelope env = stub.getRepo();

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

        try (Sentinels sentinels = new Sentinels(Home.of(renamed.path()))) {
            Sentinels.Result result = sentinels.replay(fixture);

            assertThat(result.passed()).as("%s", result.problem()).isTrue();
        }
    }

    @Test
    void the_ops_notes_describe_the_providers_dialect_encoding_and_headers() throws IOException {
        stub.settings(GITHUB_ERRORS, ErrorDialectTest.SLACK_ERRORS);
        stub.settings("provider: github\n", "provider: github\nbodyEncoding: form\nidempotencyHeader: Idempotency-Key\n");
        stub.settings("  resetFormat: epochSeconds\n", "  resetFormat: secondsFromNow\n");
        stub.start();

        String notes = OpsNotes.render(stub.integrator().provider("github").config(), List.copyOf(stub.integrator().operations().all()), Map.of());

        assertThat(notes).contains("A success answer whose `/ok` is `false` is an error too (`errors.errorWhen`)",
                "`channel_not_found` NOT_FOUND", "on every write `Idempotency-Key` with the call's idempotency key",
                "Body parameters are sent as a form", "`X-RateLimit-Reset` (seconds from now, `rateLimit.resetFormat`)");
    }

    @Test
    void a_provider_that_names_no_auth_scheme_gets_the_default_bearer_in_its_ops_notes() throws IOException {
        stub.settings("  scheme: Bearer\n", "");
        stub.start();

        String notes = OpsNotes.render(stub.integrator().provider("github").config(), List.copyOf(stub.integrator().operations().all()), Map.of());

        assertThat(stub.integrator().provider("github").config().auth().scheme()).isEqualTo("Bearer");
        assertThat(notes).contains("sent as `Authorization: Bearer ...`").doesNotContain("Authorization: null");
    }

    @Test
    void the_ietf_fields_replace_the_header_pair_and_nothing_else_names_the_headers() throws IOException {
        stub.settings("  resetFormat: epochSeconds\n", "  resetFormat: epochSeconds\n  headers: ietf\n");

        assertThatThrownBy(stub::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rateLimit.remainingHeader and resetHeader must be null with rateLimit.headers ietf, but was "
                        + "X-RateLimit-Remaining, X-RateLimit-Reset");
        stub.settings("  headers: ietf\n", "  headers: structured\n");
        assertThatThrownBy(stub::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rateLimit.headers must be one of [pair, ietf], but was structured");
    }

    @Test
    void every_problem_in_the_new_settings_is_reported_at_once() throws IOException {
        stub.settings("provider: github\n", "provider: github\nbodyEncoding: xml\nidempotencyHeader: \"Idempotency Key\"\n");
        stub.settings("  - \"(?<![A-Za-z0-9])github_pat_", "  - \"ghp_[\"\n  - \"(?<![A-Za-z0-9])github_pat_");
        stub.settings("  resetFormat: epochSeconds\n", "  resetFormat: minutes\n");
        stub.settings(GITHUB_ERRORS, """
                errors:
                  statuses: {404: MISSING}
                  codes: {card_error: PAYMENT}
                  messagePointer: message
                """);

        assertThatThrownBy(stub::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bodyEncoding must be json or form, but was xml")
                .hasMessageContaining("idempotencyHeader must be a header name")
                .hasMessageContaining("secretShapes must be a regular expression, but was ghp_[")
                .hasMessageContaining("rateLimit.resetFormat must be one of [epochSeconds, secondsFromNow, httpDate], but was minutes")
                .hasMessageContaining("errors.statuses.404 must be one of")
                .hasMessageContaining("errors.codes.card_error must be one of")
                .hasMessageContaining("errors.codePointers must name where the provider's error code is")
                .hasMessageContaining("errors.messagePointer must be a JSON Pointer ('' or starting with '/'), but was message");
    }
}
