package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a keyed write (and a read) is tried again: the provider's retry codes and its retry header decide over the
 * status, in both directions; any other 4xx ends the call. Acme with Stripe's retry rules as settings, on WireMock.
 */
class KeyedRetryTest {

    private static final String CREATE = "acme.payment_intents.create";
    private static final String PATH = "/v1/payment_intents";
    private static final Map<String, Object> PARAMS = Map.of("amount", 2000, "currency", "eur", "customer", "cus_A1");
    private static final String SETTINGS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
             "errors": {"retryCodes": ["key_in_use", "object_locked"], "retryHeader": "Acme-Should-Retry",
                        "codes": {"object_locked": "CONFLICT"}}}
            """;
    private static final String CREATED = """
            {"id": "pi_3Nq", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
             "customer": "cus_A1", "created": 1795693200}
            """;
    private static final String CUSTOMER = """
            {"id": "cus_A1", "object": "customer", "email": "ada@example.test", "name": "Ada", "created": 1795693200,
             "delinquent": false}
            """;

    @TempDir
    Path dir;
    private WireMockServer acme;
    private Integrator integrator;

    @BeforeEach
    void start() throws Exception {
        acme = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        acme.start();
        integrator = Integrator.builder().home(AcmeUnderTest.copyHome(dir))
                .env(Map.of("ACME_BASE_URL", acme.baseUrl(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()))
                .override("acme", Json.MAPPER.readTree(SETTINGS)).start();
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        acme.stop();
    }

    @Test
    void a_keyed_write_is_retried_on_a_retry_code_that_its_409_would_not_be() {
        answerInTurn("POST", PATH, error(409, "key_in_use"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(sent()).isEqualTo(2);
    }

    @Test
    void a_retry_code_on_a_429_mapped_to_conflict_is_retried_at_the_backoff_without_pausing_the_provider() {
        answerInTurn("POST", PATH, error(429, "object_locked"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(sent()).isEqualTo(2);
    }

    @Test
    void a_409_without_a_retry_code_ends_the_call_as_a_conflict() {
        answerInTurn("POST", PATH, error(409, "idempotency_key_reused"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.error().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(sent()).isEqualTo(1);
    }

    @Test
    void any_other_4xx_ends_the_call() {
        answerInTurn("POST", PATH, error(400, "amount_too_small"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.ok()).isFalse();
        assertThat(env.error().retryable()).isFalse();
        assertThat(sent()).isEqualTo(1);
    }

    @Test
    void the_retry_header_true_retries_a_400_of_a_keyed_write() {
        answerInTurn("POST", PATH, error(400, "amount_too_small").withHeader("Acme-Should-Retry", "true"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(sent()).isEqualTo(2);
    }

    @Test
    void the_retry_header_false_forbids_retrying_a_503_of_a_keyed_write() {
        answerInTurn("POST", PATH, error(503, "busy").withHeader("Acme-Should-Retry", "false"), ok(CREATED));

        Envelope env = integrator.call(CREATE, PARAMS);

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).isFalse();
        assertThat(sent()).isEqualTo(1);
    }

    @Test
    void the_retry_header_decides_for_reads_both_ways() {
        answerInTurn("GET", "/v1/customers/cus_A1", error(400, "odd").withHeader("Acme-Should-Retry", "true"), ok(CUSTOMER));
        Envelope retried = integrator.call("acme.customers.get", Map.of("customer", "cus_A1"));
        int afterFirst = sent();
        acme.resetAll();
        answerInTurn("GET", "/v1/customers/cus_A1", error(503, "busy").withHeader("Acme-Should-Retry", "false"), ok(CUSTOMER));
        Envelope refused = integrator.call("acme.customers.get", Map.of("customer", "cus_A1"));

        assertThat(retried.ok()).as("%s", retried).isTrue();
        assertThat(afterFirst).isEqualTo(2);
        assertThat(refused.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(sent()).isEqualTo(1);
    }

    private static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"" + code + "\"}, \"message\": \"refused: " + code + "\"}");
    }

    private static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The method and path answer with {@code answers} in turn; the last one then repeats. */
    private void answerInTurn(String method, String path, ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < answers.length ? "answer " + (i + 1) : state;
            acme.stubFor(request(method, urlPathEqualTo(path)).inScenario(method + path).whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
        }
    }

    private int sent() {
        return acme.findAll(anyRequestedFor(anyUrl())).size();
    }
}
