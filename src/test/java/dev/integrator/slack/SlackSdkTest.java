package dev.integrator.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The slack operations run Slack's Java SDK inside the chain: the SDK makes the request (token, form, endpoint from
 * SLACK_BASE_URL) and nothing else; what Slack sent is classified by provider.yaml's tables, error by error, retried by
 * the chain alone, and a write is never sent twice.
 */
class SlackSdkTest {

    private static final String PAGE = """
            {"ok": true, "channels": [{"id": "C012AB3CD", "name": "general", "created": 1449252889, "is_private": false,
              "is_archived": false, "topic": {"value": "Company-wide announcements"}, "num_members": 4}],
             "response_metadata": {"next_cursor": "dGVhbTpDMDYxRkE1UEI="}}""";
    private static final String POSTED = """
            {"ok": true, "channel": "C1H9RESGL", "ts": "1503435956.000247", "message": {"text": "hello"}}""";

    private final SlackStub stub = new SlackStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_list_call_goes_through_the_sdk_with_the_bot_token_and_its_parameters_and_returns_our_page() {
        stub.answers("conversations.list", okJson(PAGE));

        Envelope envelope = stub.start().call("slack.conversations.list",
                Map.of("limit", 2, "types", List.of("public_channel", "private_channel"), "cursor", "abc"));

        assertThat(envelope.ok()).as("%s", envelope.error()).isTrue();
        ChannelPage page = (ChannelPage) envelope.data();
        assertThat(page.nextCursor()).isEqualTo("dGVhbTpDMDYxRkE1UEI=");
        assertThat(page.items()).extracting(Channel::id, Channel::name).containsExactly(tuple("C012AB3CD", "general"));
        stub.slack.verify(postRequestedFor(urlEqualTo("/api/conversations.list"))
                .withHeader("Authorization", equalTo("Bearer " + SlackStub.TOKEN))
                .withRequestBody(containing("limit=2"))
                .withRequestBody(containing("types=public_channel%2Cprivate_channel"))
                .withRequestBody(containing("cursor=abc")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "channel_not_found, NOT_FOUND",
            "not_authed, UNAUTHORIZED",
            "invalid_auth, UNAUTHORIZED",
            "token_revoked, UNAUTHORIZED",
            "ratelimited, RATE_LIMITED",
            "team_added_to_org, UPSTREAM_ERROR"})
    void an_ok_false_answer_maps_by_its_error_string_with_the_string_in_details(String error, ErrorCode code) {
        stub.answers("conversations.history", okJson("{\"ok\": false, \"error\": \"" + error + "\"}"));

        Envelope envelope = stub.start().call("slack.conversations.history", Map.of("channel", "C012AB3CD"));

        assertThat(envelope.ok()).isFalse();
        assertThat(envelope.error().code()).isEqualTo(code);
        assertThat(envelope.error().details()).contains(Map.of("error", error));
        assertThat(stub.requests("conversations.history")).as("an answer, not retried").isEqualTo(1);
    }

    @Test
    void a_missing_scope_is_forbidden_with_the_needed_scope_in_details() {
        stub.answers("users.info", okJson("{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"users:read\", \"provided\": \"chat:write\"}"));

        Envelope envelope = stub.start().call("slack.users.info", Map.of("user", "W012A3CDE"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(envelope.error().details()).contains(Map.of("error", "missing_scope", "needed", "users:read", "provided", "chat:write"));
    }

    @Test
    void a_429_is_rate_limited_with_its_retry_after_and_a_wait_over_the_budget_fails_at_once() {
        stub.answers("conversations.list", aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\": false, \"error\": \"ratelimited\"}"));

        Envelope envelope = stub.start().call("slack.conversations.list", Map.of());

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(envelope.error().status()).isEqualTo(429);
        assertThat(envelope.error().retryAfterMs()).isEqualTo(30_000L);
        assertThat(stub.requests("conversations.list")).as("the SDK does not wait or retry by itself").isEqualTo(1);
    }

    @Test
    void a_429_with_a_short_retry_after_is_waited_out_by_the_chain_and_the_read_retried() {
        stub.slack.stubFor(post(urlEqualTo("/api/conversations.list"))
                .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        stub.slack.stubFor(post(urlEqualTo("/api/conversations.list"))
                .inScenario("busy").whenScenarioStateIs("free").willReturn(okJson(PAGE)));

        Envelope envelope = stub.start().call("slack.conversations.list", Map.of());

        assertThat(envelope.ok()).isTrue();
        assertThat(envelope.meta().attempts()).isEqualTo(2);
    }

    @Test
    void a_5xx_on_a_read_is_retried_by_the_chain_only() {
        stub.answers("conversations.list", aResponse().withStatus(503));

        Envelope envelope = stub.start().call("slack.conversations.list", Map.of());

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(stub.requests("conversations.list")).as("retry.maxAttempts, no SDK retry on top").isEqualTo(3);
    }

    @Test
    void a_post_answered_with_a_5xx_is_not_sent_again() {
        stub.answers("chat.postMessage", aResponse().withStatus(503));

        Envelope envelope = stub.start().call("slack.chat.postMessage", Map.of("channel", "C1H9RESGL", "text", "hello"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(stub.requests("chat.postMessage")).as("Slack has no idempotency keys").isEqualTo(1);
    }

    @Test
    void a_post_without_an_answer_in_time_is_a_timeout_not_sent_again() {
        stub.answers("chat.postMessage", okJson(POSTED).withFixedDelay(4000));

        Envelope envelope = stub.start(stub.slack.baseUrl() + "/api", ", \"timeouts\": {\"responseMs\": 1000}")
                .call("slack.chat.postMessage", Map.of("channel", "C1H9RESGL", "text", "hello"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(stub.requests("chat.postMessage")).as("it may have been posted").isEqualTo(1);
    }

    @Test
    void a_read_without_an_answer_in_time_is_a_timeout_retried() {
        stub.answers("users.info", okJson("{\"ok\": true, \"user\": {\"id\": \"W1\", \"name\": \"n\"}}").withFixedDelay(4000));

        Envelope envelope = stub.start(stub.slack.baseUrl() + "/api", ", \"timeouts\": {\"responseMs\": 1000}")
                .call("slack.users.info", Map.of("user", "W012A3CDE"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(stub.requests("users.info")).isEqualTo(3);
    }

    @Test
    void a_refused_connection_is_unavailable_and_retried_even_for_a_post_since_nothing_was_sent() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Envelope envelope = stub.start("http://127.0.0.1:" + closed + "/api", "")
                .call("slack.chat.postMessage", Map.of("channel", "C1H9RESGL", "text", "hello"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(envelope.meta().attempts()).isEqualTo(3);
    }

    @Test
    void a_warning_from_slack_is_logged() {
        stub.answers("chat.postMessage", okJson(POSTED.replace("\"ok\": true", "\"ok\": true, \"warning\": \"superfluous_charset\"")));
        Logger logger = (Logger) LoggerFactory.getLogger("integrator.slack");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            Envelope envelope = stub.start().call("slack.chat.postMessage", Map.of("channel", "C1H9RESGL", "text", "hello"));

            assertThat(envelope.ok()).isTrue();
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("chat.postMessage").contains("superfluous_charset");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }
}
