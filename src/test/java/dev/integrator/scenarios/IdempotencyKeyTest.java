package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write to a provider that takes idempotency keys carries one, the same on every retry of the call: the
 * caller's own, or one derived from the operation and the correlation id. Run on Acme against a stand-in that keeps
 * keys as a payments provider does.
 */
class IdempotencyKeyTest {

    private static final String KEY_HEADER = "Acme-Idempotency-Key";
    private static final String CREATE = "acme.payment_intents.create";
    private static final Map<String, Object> PARAMS = Map.of("amount", 2000, "currency", "eur", "customer", "cus_A1");
    /** An attempt gives up after 2 s; a late answer comes after 6 s, long after the object was made. */
    private static final String SETTINGS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "timeouts": {"connectMs": 500, "responseMs": 2000, "deadlineMs": 10000, "minAttemptMs": 100},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000}}
            """;

    @TempDir
    Path dir;
    private final KeyedStandIn standIn = new KeyedStandIn(KEY_HEADER, 6000);
    private WireMockServer acme;
    private Integrator integrator;

    @BeforeEach
    void start() throws Exception {
        acme = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(standIn));
        acme.start();
        acme.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withTransformers(KeyedStandIn.NAME)));
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
    void a_create_that_timed_out_after_the_provider_made_it_is_sent_again_under_its_key_and_makes_one_object() {
        standIn.answerLate(1);

        Envelope env = integrator.call(CREATE, PARAMS, "order-7");

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(env.meta().attempts()).isEqualTo(2);
        assertThat(keysSent()).as("one key for both attempts").containsExactly(CREATE + ":order-7", CREATE + ":order-7");
        assertThat(standIn.created()).as("objects made").isEqualTo(1);
        assertThat(Json.MAPPER.valueToTree(env.data()).path("id").asText()).isEqualTo("pi_1");
    }

    @Test
    void a_write_without_a_key_of_the_callers_gets_one_from_the_operation_and_the_correlation_id() {
        Envelope first = integrator.call(CREATE, PARAMS, "corr-a");
        Envelope again = integrator.call(CREATE, PARAMS, "corr-a");
        Envelope other = integrator.call(CREATE, PARAMS, "corr-b");
        Envelope fresh = integrator.call(CREATE, PARAMS);

        assertThat(List.of(first, again, other, fresh)).allSatisfy(e -> assertThat(e.ok()).as("%s", e).isTrue());
        assertThat(keysSent()).containsExactlyInAnyOrder(CREATE + ":corr-a", CREATE + ":corr-a", CREATE + ":corr-b",
                CREATE + ":" + fresh.meta().correlationId());
        assertThat(standIn.created()).as("one logical call per correlation id").isEqualTo(3);
    }

    @Test
    void a_correlation_id_we_cannot_pass_on_is_replaced_by_the_same_name_each_time_so_the_key_stays() {
        Envelope first = integrator.call(CREATE, PARAMS, "order 42 / retry");
        Envelope again = integrator.call(CREATE, PARAMS, "order 42 / retry");

        assertThat(first.meta().correlationId()).matches("sha256-[0-9a-f]{32}").isEqualTo(again.meta().correlationId());
        assertThat(keysSent()).hasSize(2).containsOnly(CREATE + ":" + first.meta().correlationId());
    }

    @Test
    void the_callers_key_parameter_wins_and_goes_only_in_the_header() {
        Map<String, Object> params = new HashMap<>(PARAMS);
        params.put("idempotencyKey", "order-1234-attempt-1");

        Envelope env = integrator.call(CREATE, params, "corr-c");

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(keysSent()).containsExactly("order-1234-attempt-1");
        assertThat(sent().get(0).getBodyAsString()).doesNotContain("idempotency").doesNotContain("order-1234");
    }

    @Test
    void from_java_the_camel_header_gives_the_key_and_a_different_parameter_is_refused() {
        Exchange byHeader = integrator.camel().createProducerTemplate().request("direct:" + CREATE, e -> {
            e.getMessage().setBody(PARAMS);
            e.getMessage().setHeader(RequestStep.IDEMPOTENCY_KEY_HEADER, "from-java");
        });
        Map<String, Object> params = new HashMap<>(PARAMS);
        params.put("idempotencyKey", "from-parameter");
        Exchange both = integrator.camel().createProducerTemplate().request("direct:" + CREATE, e -> {
            e.getMessage().setBody(params);
            e.getMessage().setHeader(RequestStep.IDEMPOTENCY_KEY_HEADER, "from-java");
        });

        assertThat(byHeader.getException()).isNull();
        assertThat(both.getException()).hasMessageContaining("two different idempotency keys");
        assertThat(keysSent()).containsExactly("from-java");
    }

    @Test
    void a_key_that_is_not_1_to_255_visible_ascii_characters_is_an_invalid_request_without_a_call() {
        for (String bad : new String[] {"", "has space", "k".repeat(256), "caf\u00e9"}) {
            Map<String, Object> params = new HashMap<>(PARAMS);
            params.put("idempotencyKey", bad);

            Envelope env = integrator.call(CREATE, params);

            assertThat(env.error().code()).as("'%s'", bad).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(env.error().message()).contains("1 to 255 visible ASCII characters");
        }
        assertThat(sent()).isEmpty();
    }

    @Test
    void a_read_sends_no_key_even_when_the_caller_gives_one() {
        acme.stubFor(get(urlPathEqualTo("/v1/customers/cus_A1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "cus_A1", "object": "customer", "email": "ada@example.test", "name": "Ada", "created": 1795693200,
                         "delinquent": false}
                        """)));

        Envelope plain = integrator.call("acme.customers.get", Map.of("customer", "cus_A1"), "corr-r");
        Envelope withKey = integrator.call("acme.customers.get", Map.of("customer", "cus_A1", "idempotencyKey", "k-1"), "corr-r");

        assertThat(List.of(plain, withKey)).allSatisfy(e -> assertThat(e.ok()).as("%s", e).isTrue());
        assertThat(sent()).hasSize(2).allSatisfy(r -> {
            assertThat(r.containsHeader(KEY_HEADER)).as("a key on a read").isFalse();
            assertThat(r.getUrl()).doesNotContain("idempotencyKey");
        });
    }

    private List<LoggedRequest> sent() {
        return acme.findAll(anyRequestedFor(anyUrl()));
    }

    private List<String> keysSent() {
        return sent().stream().map(r -> r.getHeader(KEY_HEADER)).toList();
    }
}
