package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an answer becomes our error is the provider's settings: a copy of the definitions whose GitHub settings speak
 * Slack's dialect (an error inside a 200) or Stripe's (an error object, a retry header) runs through the same chain,
 * against WireMock, with no code of its own.
 */
class ErrorDialectTest {

    private static final String GITHUB_ERRORS = """
            errors:
              messagePointer: /message
              detailsPointer: /errors            # 422 field errors: [{resource, field, code, message}]
            """;
    /** Slack: every answer is a 200 with ok; a failure says ok: false and names itself in error. */
    static final String SLACK_ERRORS = """
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
    /** Stripe's error object as issue 12 maps it: by code, else by type; Stripe's detail names renamed to ours. */
    private static final String STRIPE_BY_TYPE = """
            errors:
              codePointers: [/error/code, /error/type]
              codes: {resource_missing: NOT_FOUND, card_error: UNPROCESSABLE, idempotency_error: CONFLICT,
                      invalid_request_error: INVALID_REQUEST, api_error: UPSTREAM_ERROR}
              messagePointer: /error/message
              detailsPointer: /error
              detailFields: [type, code, decline_code, param]
              detailRenames: {param: field, decline_code: declineCode}
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
    void an_error_inside_a_200_is_found_by_the_error_predicate_and_mapped_by_the_providers_code_table() throws IOException {
        stub.settings(GITHUB_ERRORS, SLACK_ERRORS);
        stub.start();
        stub.repoAnswers(okJson("{\"ok\": false, \"error\": \"channel_not_found\"}"));

        Envelope env = stub.getRepo();

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(env.error().status()).isEqualTo(200);
        assertThat(env.error().message()).contains("channel_not_found");
        assertThat(stub.requests()).as("a provider's answer, not retried").isEqualTo(1);
    }

    @Test
    void a_missing_scope_inside_a_200_is_forbidden_with_the_needed_scope_in_the_details() throws IOException {
        stub.settings(GITHUB_ERRORS, SLACK_ERRORS);
        stub.start();
        stub.repoAnswers(okJson("{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"channels:read\", \"provided\": \"chat:write\"}"));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(env.error().details()).containsExactly(Map.of("error", "missing_scope", "needed", "channels:read"));
    }

    @Test
    void an_error_string_the_table_lacks_is_an_upstream_error_naming_it_in_the_details() throws IOException {
        stub.settings(GITHUB_ERRORS, SLACK_ERRORS);
        stub.start();
        stub.repoAnswers(okJson("{\"ok\": false, \"error\": \"team_added_to_org\"}"));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().details()).containsExactly(Map.of("error", "team_added_to_org"));
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void a_rate_limit_inside_a_200_is_rate_limited_with_the_providers_default_wait() throws IOException {
        stub.settings(GITHUB_ERRORS, SLACK_ERRORS);
        stub.start();
        stub.repoAnswers(okJson("{\"ok\": false, \"error\": \"ratelimited\"}"));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).as("rateLimit.defaultWaitMs, over maxWaitMs: failed at once").isEqualTo(60_000);
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void a_200_whose_predicate_value_is_absent_is_an_answer_like_any_other() throws IOException {
        stub.settings(GITHUB_ERRORS, SLACK_ERRORS);
        stub.start();
        stub.repoAnswers(okJson(GitHubStub.repoJson()));

        assertThat(stub.getRepo().ok()).isTrue();
    }

    @Test
    void stripes_error_object_maps_by_its_type_and_keeps_type_code_and_param_in_the_details() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_ERRORS);
        stub.start();
        stub.repoAnswers(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "idempotency_error", "message": "Keys for idempotent requests can only be used with the same parameters"}}
                """));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).as("by type, not by the 400").isEqualTo(ErrorCode.CONFLICT);
        assertThat(env.error().message()).contains("Keys for idempotent requests");
        assertThat(env.error().details()).containsExactly(Map.of("type", "idempotency_error"));
    }

    @Test
    void stripes_error_code_wins_over_its_type_and_a_decline_code_is_kept() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_ERRORS);
        stub.start();
        stub.repoAnswers(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                           "param": "payment_method", "message": "Your card has insufficient funds."}}
                """));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).as("card_declined is not in the table; card_error is").isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(env.error().details()).containsExactly(Map.of("type", "card_error", "code", "card_declined",
                "decline_code", "insufficient_funds", "param", "payment_method"));
    }

    @Test
    void the_providers_retry_header_decides_whether_an_answer_is_retried() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_ERRORS);
        stub.start();
        stub.repoAnswers(aResponse().withStatus(409).withHeader("Stripe-Should-Retry", "true")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"lock_timeout\"}}"));

        assertThat(stub.getRepo().error().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(stub.requests()).as("Stripe-Should-Retry: true, on every attempt").isEqualTo(3);

        stub.provider().resetAll();
        stub.repoAnswers(aResponse().withStatus(503).withHeader("Stripe-Should-Retry", "false"));

        assertThat(stub.getRepo().error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(stub.requests()).as("Stripe-Should-Retry: false, even on a 503").isEqualTo(1);
    }

    @Test
    void the_retry_header_never_sends_a_write_without_an_idempotency_key_twice() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_ERRORS);
        stub.start();
        for (int status : new int[] {400, 503}) {
            stub.provider().resetAll();
            stub.provider().stubFor(post(urlEqualTo("/repos/o/r/labels")).willReturn(aResponse().withStatus(status)
                    .withHeader("Stripe-Should-Retry", "true").withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"try again\"}}")));

            Envelope env = stub.integrator().call("github.labels.create", Map.of("owner", "o", "repo", "r", "name", "bug"));

            assertThat(env.ok()).isFalse();
            assertThat(stub.requests()).as("a %d: the write may have arrived", status).isEqualTo(1);
        }
    }

    @Test
    void stripes_errors_by_code_then_type_give_the_mapping_of_issue_12_and_a_generic_type_never_hides_the_status()
            throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_BY_TYPE);
        stub.start();
        record Case(int status, String error, ErrorCode code, boolean retryable, int requests) {
        }
        List<Case> cases = List.of(
                new Case(402, "{\"type\": \"card_error\", \"code\": \"card_declined\"}", ErrorCode.UNPROCESSABLE, false, 1),
                new Case(400, "{\"type\": \"invalid_request_error\", \"code\": \"parameter_missing\"}", ErrorCode.INVALID_REQUEST,
                        false, 1),
                new Case(404, "{\"type\": \"invalid_request_error\", \"code\": \"resource_missing\"}", ErrorCode.NOT_FOUND, false, 1),
                new Case(404, "{\"type\": \"invalid_request_error\"}", ErrorCode.NOT_FOUND, false, 1),
                new Case(401, "{\"type\": \"invalid_request_error\"}", ErrorCode.UNAUTHORIZED, false, 1),
                new Case(403, "{\"type\": \"invalid_request_error\"}", ErrorCode.FORBIDDEN, false, 1),
                new Case(400, "{\"type\": \"idempotency_error\"}", ErrorCode.CONFLICT, false, 1),
                new Case(500, "{\"type\": \"idempotency_error\"}", ErrorCode.CONFLICT, false, 1),
                new Case(500, "{\"type\": \"api_error\"}", ErrorCode.UPSTREAM_ERROR, true, 3));
        for (Case c : cases) {
            stub.provider().resetAll();
            stub.repoAnswers(aResponse().withStatus(c.status()).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\": " + c.error() + "}"));

            Envelope env = stub.getRepo();

            assertThat(env.error().code()).as("%s", c).isEqualTo(c.code());
            assertThat(env.error().retryable()).as("%s", c).isEqualTo(c.retryable());
            assertThat(stub.requests()).as("%s", c).isEqualTo(c.requests());
        }
    }

    @Test
    void a_rate_limit_with_a_generic_type_is_rate_limited_not_an_invalid_request() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_BY_TYPE);
        stub.start();
        stub.repoAnswers(aResponse().withStatus(429).withHeader("Retry-After", "60").withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"rate_limit\"}}"));

        assertThat(stub.getRepo().error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
    }

    @Test
    void stripes_detail_names_become_ours_so_param_is_the_field_and_the_decline_code_is_kept() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_BY_TYPE);
        stub.start();
        stub.repoAnswers(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                           "param": "payment_method", "message": "Your card has insufficient funds.",
                           "request_log_url": "https://dashboard.stripe.com/test/logs/req_1"}}
                """));

        Envelope env = stub.getRepo();

        assertThat(env.error().code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().details()).containsExactly(Map.of("type", "card_error", "code", "card_declined",
                "declineCode", "insufficient_funds", "field", "payment_method"));
    }

    @Test
    void a_rename_of_a_field_that_is_not_copied_is_refused_at_start() throws IOException {
        stub.settings(GITHUB_ERRORS, STRIPE_BY_TYPE.replace("{param: field, decline_code: declineCode}", "{parm: field}"));

        assertThatThrownBy(stub::start).hasMessageContaining(
                "errors.detailRenames must rename fields of detailFields [type, code, decline_code, param], but had parm");
    }
}
