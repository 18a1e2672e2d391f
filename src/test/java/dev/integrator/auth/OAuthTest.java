package dev.integrator.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.ManualTime;
import dev.integrator.json.Json;
import dev.integrator.observe.LogCapture;
import dev.integrator.runtime.Integrator;
import dev.integrator.scenarios.AcmeUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acme's calls with tokens from a real OAuth 2.0 token endpoint on loopback (client credentials, or refresh-token
 * rotation) and Acme's API in WireMock, through the whole chain.
 */
class OAuthTest {

    static final String CLIENT_SECRET = "client-secret-Qm9vT2F1dGgyU2VjcmV0";
    static final String CUSTOMER = """
            {"id": "cus_A1", "object": "customer", "email": "ada@example.test", "name": "Ada Lovelace",
             "created": 1795693200, "delinquent": false}
            """;

    @TempDir
    Path dir;
    ManualTime time = new ManualTime(Instant.parse("2026-11-30T08:00:00Z"));
    WireMockServer acme;
    TokenEndpointStub endpoint;
    Path home;
    Integrator integrator;

    @BeforeEach
    void start() throws Exception {
        acme = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        acme.start();
        endpoint = new TokenEndpointStub(form -> TokenEndpointStub.token("at-1", 3600));
        home = AcmeUnderTest.copyHome(dir);
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        acme.stop();
        endpoint.close();
    }

    Integrator integrator(String grant, Map<String, String> moreEnv) {
        return integrator(grant, moreEnv, Map.of());
    }

    /** {@code moreRetry}: retry settings over the fast backoff every test here uses. */
    Integrator integrator(String grant, Map<String, String> moreEnv, Map<String, Object> moreRetry) {
        Map<String, Object> retry = new HashMap<>(Map.of("initialDelayMs", 1, "maxDelayMs", 5, "jitter", 0));
        retry.putAll(moreRetry);
        Map<String, String> env = new HashMap<>(Map.of("ACME_BASE_URL", acme.baseUrl(), "ACME_TOKEN_URL",
                endpoint.url(),
                "ACME_CLIENT_ID", "client-1", "ACME_CLIENT_SECRET", CLIENT_SECRET,
                "INTEGRATOR_DATA_DIR", dir.resolve("data").toString(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift")
                .toString()));
        env.putAll(moreEnv);
        ObjectNode settings = Json.MAPPER.valueToTree(Map.of(
                "auth", Map.of("oauth", oauth(grant), "refusedCodes", List.of("token_expired", "invalid_auth")),
                "retry", retry,
                "budget", Map.of("requestsPerSecond", 1000, "burst", 1000)));
        // Acme's own settings name a static token; with OAuth there is none.
        settings.with("auth").putNull("tokenEnv");
        integrator = Integrator.builder().home(home).timeSource(time).env(env).override("acme", settings).start();
        return integrator;
    }

    static Map<String, Object> oauth(String grant) {
        Map<String, Object> oauth = new HashMap<>(Map.of("grant", grant, "tokenUrl", "https://auth.acme.test/token",
                "tokenUrlEnv", "ACME_TOKEN_URL", "clientIdEnv", "ACME_CLIENT_ID", "clientSecretEnv",
                "ACME_CLIENT_SECRET",
                "scopes", List.of("customers:read"), "audience", "https://api.acme.test"));
        if (grant.equals(OAuthSettings.REFRESH_TOKEN)) {
            oauth.put("refreshTokenEnv", "ACME_REFRESH_TOKEN");
        }
        return oauth;
    }

    Envelope getCustomer() {
        return integrator.call("acme.customers.get", Map.of("customer", "cus_A1"));
    }

    void customerAnswers(ResponseDefinitionBuilder answer) {
        acme.stubFor(get(urlEqualTo("/v1/customers/cus_A1")).willReturn(answer));
    }

    void customerAnswers(String bearer, ResponseDefinitionBuilder answer) {
        acme.stubFor(get(urlEqualTo("/v1/customers/cus_A1")).withHeader("Authorization", equalTo("Bearer "
                + bearer)).willReturn(answer));
    }

    static ResponseDefinitionBuilder customer() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CUSTOMER);
    }

    List<String> sentTokens() {
        return acme.findAll(getRequestedFor(urlEqualTo("/v1/customers/cus_A1"))).stream().map(LoggedRequest::getHeaders)
                .map(h -> h.getHeader("Authorization").firstValue()).toList();
    }

    @Test
    void a_client_credentials_token_is_sent_and_reused_until_the_skew_before_its_expiry() {
        customerAnswers(customer());
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 3600));
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        assertThat(getCustomer().ok()).isTrue();
        time.advance(Duration.ofSeconds(3539));
        assertThat(getCustomer().ok()).isTrue();
        time.advance(Duration.ofSeconds(2));
        assertThat(getCustomer().ok()).isTrue();

        assertThat(sentTokens()).containsExactly("Bearer at-1", "Bearer at-1", "Bearer at-2");
        Map<String, String> request = endpoint.requests().get(0);
        assertThat(request).containsEntry("grant_type", "client_credentials").containsEntry("scope", "customers:read")
                .containsEntry("audience", "https://api.acme.test").containsEntry("Content-Type",
                "application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(request.get("Authorization")).startsWith("Basic ").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void fifty_concurrent_calls_with_an_expired_token_cause_exactly_one_token_request() throws Exception {
        customerAnswers(customer());
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 120));
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());
        assertThat(getCustomer().ok()).isTrue();
        time.advance(Duration.ofSeconds(61));
        CountDownLatch release = new CountDownLatch(1);
        endpoint.holdUntil(release);

        List<Thread> callerThreads = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(50, task -> {
            Thread t = new Thread(task);
            callerThreads.add(t);
            return t;
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Envelope>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(callers.submit(() -> {
                go.await();
                return getCustomer();
            }));
        }
        go.countDown();
        // The refresh is held at the endpoint until the other 49 callers wait for it rather than asking themselves.
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.count() == 2 && callerThreads.size() == 50
                && callerThreads.stream().filter(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.BLOCKED).count() >= 49);
        release.countDown();
        for (Future<Envelope> call : calls) {
            assertThat(call.get().ok()).isTrue();
        }
        callers.shutdown();

        assertThat(endpoint.count()).isEqualTo(2);
        assertThat(sentTokens()).hasSize(51).containsOnlyOnce("Bearer at-1").filteredOn("Bearer at-2"::equals).hasSize(50);
    }

    @Test
    void a_401_on_a_cached_token_refreshes_once_and_retries_the_call_once() {
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 3600));
        customerAnswers("at-1", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"unauthorized\", \"message\": \"token revoked\"}"));
        customerAnswers("at-2", customer());
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        Envelope envelope = getCustomer();

        assertThat(envelope.ok()).isTrue();
        assertThat(envelope.meta().attempts()).isEqualTo(2);
        assertThat(endpoint.count()).isEqualTo(2);
        assertThat(sentTokens()).containsExactly("Bearer at-1", "Bearer at-2");
    }

    @Test
    void the_retry_with_a_new_token_does_not_draw_on_the_retry_budget() {
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 3600));
        customerAnswers("at-1", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"unauthorized\", \"message\": \"token revoked\"}"));
        customerAnswers("at-2", customer());
        // A budget that refuses every outage retry: the provider answered, so the new token's retry is none.
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of(), Map.of("budgetPercent", 0, "minRetryConcurrency", 0));

        Envelope envelope = getCustomer();

        assertThat(envelope.ok()).as("envelope %s", envelope).isTrue();
        assertThat(sentTokens()).containsExactly("Bearer at-1", "Bearer at-2");
        assertThat(integrator.provider("acme").retryBudget().activeRetries()).isZero();
        assertThat(integrator.provider("acme").retryBudget().activeCalls()).isZero();
    }

    @Test
    void a_token_refused_again_after_the_refresh_fails_the_call_without_a_loop() {
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 3600));
        customerAnswers(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"unauthorized\", \"message\": \"not allowed\"}"));
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        Envelope envelope = getCustomer();

        assertThat(envelope.ok()).isFalse();
        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(endpoint.count()).isEqualTo(2);
        assertThat(sentTokens()).containsExactly("Bearer at-1", "Bearer at-2");
    }

    @Test
    void a_refused_code_inside_a_200_refreshes_once_and_retries_the_call_once() {
        endpoint.answer(form -> TokenEndpointStub.token("at-" + (endpoint.count()), 3600));
        customerAnswers("at-1", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"token_expired\", \"message\": \"the token has expired\"}"));
        customerAnswers("at-2", customer());
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        Envelope envelope = getCustomer();

        assertThat(envelope.ok()).isTrue();
        assertThat(endpoint.count()).isEqualTo(2);
        assertThat(sentTokens()).containsExactly("Bearer at-1", "Bearer at-2");
    }

    @Test
    void a_token_endpoint_that_is_down_is_unavailable_retried_within_max_attempts_and_the_api_is_not_called() {
        customerAnswers(customer());
        endpoint.answer(form -> new TokenEndpointStub.Answer(503, "{\"error\": \"temporarily_unavailable\"}"));
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        Envelope envelope = getCustomer();

        assertThat(envelope.ok()).isFalse();
        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(envelope.error().retryable()).isTrue();
        assertThat(envelope.error().message()).contains("token endpoint").contains("503");
        assertThat(endpoint.count()).isEqualTo(3);
        assertThat(envelope.meta().attempts()).isEqualTo(3);
        assertThat(sentTokens()).isEmpty();
    }

    @Test
    void an_unreachable_token_endpoint_is_unavailable_and_retried_within_max_attempts() {
        customerAnswers(customer());
        String url = endpoint.url();
        endpoint.close();
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of("ACME_TOKEN_URL", url));

        Envelope envelope = getCustomer();

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(envelope.error().message()).contains("cannot reach the token endpoint 127.0.0.1:");
        assertThat(envelope.meta().attempts()).isEqualTo(3);
        assertThat(sentTokens()).isEmpty();
    }

    @Test
    void invalid_client_is_unauthorized_with_a_clear_message_and_not_retried() {
        customerAnswers(customer());
        endpoint.answer(form -> new TokenEndpointStub.Answer(401,
                "{\"error\": \"invalid_client\", \"error_description\": \"Client authentication failed\"}"));
        integrator(OAuthSettings.CLIENT_CREDENTIALS, Map.of());

        Envelope envelope = getCustomer();

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(envelope.error().retryable()).isFalse();
        assertThat(envelope.error().message()).isEqualTo("acme: the token endpoint refused the client_credentials grant: "
                + "invalid_client (Client authentication failed); check ACME_CLIENT_ID and ACME_CLIENT_SECRET");
        assertThat(endpoint.count()).isEqualTo(1);
        assertThat(sentTokens()).isEmpty();
    }

    @Test
    void a_rotated_refresh_token_is_stored_and_a_new_integrator_on_the_same_data_dir_uses_it() throws Exception {
        customerAnswers(customer());
        // Slack's shape: ok, token_type bot, the new refresh token replacing the one sent.
        endpoint.answer(form -> new TokenEndpointStub.Answer(200, """
                {"ok": true, "app_id": "A1", "token_type": "bot", "access_token": "xoxe.xoxb-1-at%1$d",
                 "refresh_token": "xoxe-1-rt%1$d", "expires_in": 43200, "team": {"id": "T1"}}
                """.formatted(endpoint.count())));
        integrator(OAuthSettings.REFRESH_TOKEN, Map.of("ACME_REFRESH_TOKEN", "xoxe-1-rt0"));
        assertThat(getCustomer().ok()).isTrue();
        integrator.close();

        integrator(OAuthSettings.REFRESH_TOKEN, Map.of("ACME_REFRESH_TOKEN", "xoxe-1-rt0"));
        assertThat(getCustomer().ok()).isTrue();

        assertThat(endpoint.requests()).extracting(form -> form.get("grant_type") + " " + form.get("refresh_token"))
                .containsExactly("refresh_token xoxe-1-rt0", "refresh_token xoxe-1-rt1");
        assertThat(sentTokens()).containsExactly("Bearer xoxe.xoxb-1-at1", "Bearer xoxe.xoxb-1-at2");
        Path stored = dir.resolve("data/oauth/acme.json");
        assertThat(Files.readString(stored)).contains("xoxe-1-rt2").doesNotContain("xoxe-1-rt1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
    }

    @Test
    void a_refresh_token_the_operator_replaces_in_the_environment_wins_over_the_stored_one() {
        customerAnswers(customer());
        endpoint.answer(form -> new TokenEndpointStub.Answer(200, """
                {"access_token": "at%1$d", "token_type": "Bearer", "refresh_token": "rt%1$d", "expires_in": 60}
                """.formatted(endpoint.count())));
        integrator(OAuthSettings.REFRESH_TOKEN, Map.of("ACME_REFRESH_TOKEN", "rt0"));
        assertThat(getCustomer().ok()).isTrue();
        integrator.close();

        integrator(OAuthSettings.REFRESH_TOKEN, Map.of("ACME_REFRESH_TOKEN", "rt-new-from-operator"));
        assertThat(getCustomer().ok()).isTrue();

        assertThat(endpoint.requests()).extracting(form -> form.get("refresh_token")).containsExactly("rt0",
                "rt-new-from-operator");
    }

    @Test
    void tokens_and_secrets_appear_in_no_log_envelope_or_metric() throws Exception {
        String[] loggers = {"integrator", "dev.integrator", "org.apache.camel", "com.nimbusds"};
        // The rotated tokens share no prefix with the first one, which the redactor knows from the environment.
        List<String> secrets = List.of(CLIENT_SECRET, "xoxe-1-first-Zm9yZ2V0bWVub3Q", "xoxe-1-rt1-Zm9yZ2V0bWVub3Q",
                "xoxe.xoxb-1-at1-Zm9yZ2V0bWVub3Q", "xoxe.xoxb-1-at2-Zm9yZ2V0bWVub3Q");
        endpoint.answer(form -> endpoint.count() <= 2 ? new TokenEndpointStub.Answer(200, """
                {"ok": true, "token_type": "bot", "access_token": "xoxe.xoxb-1-at%1$d-Zm9yZ2V0bWVub3Q",
                 "refresh_token": "xoxe-1-rt%1$d-Zm9yZ2V0bWVub3Q", "expires_in": 43200}
                """.formatted(endpoint.count())) : new TokenEndpointStub.Answer(200, """
                {"ok": false, "error": "invalid_refresh_token",
                "error_description": "xoxe-1-rt1-Zm9yZ2V0bWVub3Q was revoked"}
                """));
        // The provider echoes the token it refuses, as some do.
        customerAnswers("xoxe.xoxb-1-at1-Zm9yZ2V0bWVub3Q", aResponse().withStatus(401).withHeader("Content-Type",
                "application/json")
                .withBody("{\"ok\": false, \"error\": \"invalid_auth\", \"message\": \"bad token xoxe.xoxb-1-at1-Zm9yZ2V0bWVub3Q\"}"));
        customerAnswers("xoxe.xoxb-1-at2-Zm9yZ2V0bWVub3Q", aResponse().withStatus(401).withHeader("Content-Type",
                "application/json")
                .withBody("{\"ok\": false, \"error\": \"token_expired\", \"message\": \"expired: xoxe.xoxb-1-at2-Zm9yZ2V0bWVub3Q\"}"));
        List<String> envelopes = new ArrayList<>();
        try (LogCapture json = LogCapture.json(Level.DEBUG, loggers); LogCapture text = LogCapture.text(Level.DEBUG,
                loggers)) {
            integrator(OAuthSettings.REFRESH_TOKEN, Map.of("ACME_REFRESH_TOKEN", "xoxe-1-first-Zm9yZ2V0bWVub3Q"));
            envelopes.add(Json.MAPPER.writeValueAsString(getCustomer()));
            envelopes.add(Json.MAPPER.writeValueAsString(getCustomer()));
            String everything = String.join("\n", envelopes) + json.output() + text.output()
                    + integrator.meterRegistry().getMeters().stream().map(m -> m.getId().toString()).toList();

            assertThat(json.output()).as("the logs were captured").contains("UNAUTHORIZED");
            assertThat(envelopes.get(1)).contains("invalid_refresh_token");
            for (String secret : secrets) {
                assertThat(everything).doesNotContain(secret);
            }
        }
    }
}
