package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.Home;
import dev.integrator.IntegrationException;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain's core scenarios, held against every provider alike: a subclass names the provider and the scenarios
 * run over its own definitions against a WireMock stand-in on loopback. Retries are quick and the breaker small, so
 * the scenarios count requests instead of waiting.
 */
abstract class ChainScenarios {

    private static final String SETTINGS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
             "breaker": {"waitDurationInOpenStateMs": 300, "minimumNumberOfCalls": 4, "slidingWindowSize": 4}}
            """;

    @TempDir
    Path dir;
    private ProviderUnderTest provider;
    private Path home;
    private WireMockServer stub;
    private Integrator integrator;

    abstract ProviderUnderTest provider();

    @BeforeEach
    void start() throws Exception {
        provider = provider();
        home = provider.home(dir);
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        integrator = Integrator.builder().home(home)
                .env(Map.of(provider.baseUrlEnv(), stub.baseUrl(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()))
                .override(provider.name(), Json.MAPPER.readTree(SETTINGS)).start();
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        stub.stop();
    }

    @Test
    void a_read_that_meets_a_5xx_is_retried_and_succeeds() {
        var read = provider.read();
        answerInTurn(read, status(503), ok(read));

        Envelope env = call(read);

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(env.meta().attempts()).isEqualTo(2);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void a_write_that_meets_a_5xx_is_sent_again_only_where_the_provider_takes_keys_and_then_under_one_key() {
        var write = provider.write();
        answerInTurn(write, status(503), ok(write));

        Envelope env = call(write);

        if (provider.takesIdempotencyKeys()) {
            assertThat(env.ok()).as("every write carries a key, so the second attempt is safe: %s", env).isTrue();
            assertThat(requests()).hasSize(2).extracting(r -> r.getHeader(provider.idempotencyHeader())).doesNotContainNull()
                    .containsOnly(write.operation() + ":" + env.meta().correlationId());
        } else {
            assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(requests()).as("the write may have arrived").hasSize(1);
        }
    }

    @Test
    void a_write_with_an_idempotency_key_is_sent_again_only_where_the_provider_takes_keys() {
        var write = provider.write();
        answerInTurn(write, status(503), ok(write));

        Exchange done = integrator.camel().createProducerTemplate().request("direct:" + write.operation(), e -> {
            e.getMessage().setBody(write.params());
            e.getMessage().setHeader(RequestStep.IDEMPOTENCY_KEY_HEADER, "order-1234");
        });

        if (provider.takesIdempotencyKeys()) {
            assertThat(done.getException()).as("the second attempt succeeds").isNull();
            assertThat(requests()).as("the same key on both attempts").hasSize(2)
                    .allSatisfy(r -> assertThat(r.getHeaders().getHeader(provider.idempotencyHeader()).firstValue()).isEqualTo("order-1234"));
        } else {
            assertThat(done.getException()).isInstanceOf(IntegrationException.class);
            assertThat(requests()).as("a key the provider ignores makes no write safe to repeat").hasSize(1);
        }
    }

    @Test
    void the_write_body_is_encoded_as_the_provider_declares() {
        var write = provider.write();
        answerInTurn(write, ok(write));

        Envelope env = call(write);

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(requests().get(0).getBodyAsString()).contains(provider.writeBodyFragment());
    }

    @Test
    void a_429_with_retry_after_is_retried_once_that_second_has_passed() {
        var read = provider.read();
        answerInTurn(read, status(429).withHeader("Retry-After", "1"), ok(read));

        Envelope env = call(read);

        assertThat(env.ok()).as("%s", env).isTrue();
        List<LoggedRequest> sent = requestsInOrder();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(950);
    }

    @Test
    void outages_open_the_breaker_and_the_next_call_fails_fast_without_a_request() {
        var read = provider.read();
        answerInTurn(read, status(503));
        for (int i = 0; i < 4; i++) {
            assertThat(call(read).error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        }
        int sent = requests().size();

        Envelope env = call(read);

        assertThat(env.error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(requests()).hasSize(sent);
    }

    @Test
    void answers_that_say_not_found_never_open_the_breaker() {
        var read = provider.read();
        answerInTurn(read, provider.notFound());

        for (int i = 0; i < 6; i++) {
            Envelope env = call(read);
            assertThat(env.error().code()).as("call %d: %s", i, env.error()).isEqualTo(ErrorCode.NOT_FOUND);
        }
        assertThat(requests()).as("one request per call: a provider's answer, not retried").hasSize(6);
    }

    @Test
    void a_used_up_quota_in_the_providers_headers_pauses_its_resource_and_no_other() {
        var read = provider.read();
        var other = provider.otherResource();
        answerInTurn(read, provider.quotaUsedUp(Duration.ofSeconds(30)));
        answerInTurn(other, ok(other));

        Envelope first = call(read);
        Envelope paused = call(read);
        Envelope elsewhere = call(other);

        assertThat(first.ok()).as("the answer that used the quota up is a success: %s", first).isTrue();
        if (!provider.signalsQuotaInHeaders()) {
            assertThat(paused.ok()).as("a provider whose answers name no quota is never paused by a success: %s", paused).isTrue();
            assertThat(elsewhere.ok()).as("%s", elsewhere).isTrue();
            return;
        }
        assertThat(paused.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(paused.error().retryAfterMs()).as("the pause until the reset").isGreaterThan(20_000L);
        assertThat(elsewhere.ok()).as("another resource goes on: %s", elsewhere).isTrue();
        assertThat(stub.findAll(newRequestPattern(RequestMethod.fromString(read.method()), urlPathEqualTo(read.path())))).as("the paused read never left").hasSize(1);
    }

    @Test
    void a_request_its_contract_refuses_never_reaches_the_provider() {
        var read = provider.read();
        answerInTurn(read, ok(read));

        Envelope env = integrator.call(read.operation(), provider.invalidReadParams());

        assertThat(env.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(requests()).isEmpty();
    }

    @Test
    void the_providers_way_of_saying_not_found_is_not_found() {
        var read = provider.read();
        answerInTurn(read, provider.notFound());

        Envelope env = call(read);

        assertThat(env.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(env.error().retryable()).isFalse();
    }

    @Test
    void a_page_becomes_the_providers_record_with_the_cursor_its_mapping_declares() {
        var page = provider.page();
        ResponseDefinitionBuilder answer = ok(page.call());
        page.headers().forEach(answer::withHeader);
        answerInTurn(page.call(), answer);

        Envelope env = call(page.call());

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(env.data().getClass().getPackageName()).isEqualTo("dev.integrator." + provider.name());
        assertThat(Json.MAPPER.valueToTree(env.data()).path(page.cursorComponent()).asText()).isEqualTo(page.cursor());
    }

    @TestFactory
    Stream<DynamicTest> every_fixture_of_the_provider_replays_through_the_chain() {
        Sentinels sentinels = new Sentinels(Home.of(home));
        return Fixtures.loadAll(home.resolve("fixtures")).stream()
                .filter(f -> f.contract().startsWith(provider.name() + "."))
                .map(f -> DynamicTest.dynamicTest(f.name(), () -> {
                    Sentinels.Result result = sentinels.replay(f);
                    assertThat(result.passed()).as("%s: %s", f.name(), result.problem()).isTrue();
                }))
                .onClose(sentinels::close);
    }

    private Envelope call(ProviderUnderTest.Call call) {
        return integrator.call(call.operation(), call.params());
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{\"message\": \"upstream trouble\"}");
    }

    private static ResponseDefinitionBuilder ok(ProviderUnderTest.Call call) {
        return aResponse().withStatus(call.okStatus()).withHeader("Content-Type", "application/json").withBody(call.okBody());
    }

    /** The call's method and path answer with {@code answers} in turn; the last one then repeats. */
    private void answerInTurn(ProviderUnderTest.Call call, ResponseDefinitionBuilder... answers) {
        String scenario = call.method() + " " + call.path();
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < answers.length ? "answer " + (i + 1) : state;
            stub.stubFor(request(call.method(), urlPathEqualTo(call.path())).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
        }
    }

    private List<LoggedRequest> requests() {
        return stub.findAll(anyRequestedFor(anyUrl()));
    }

    private List<LoggedRequest> requestsInOrder() {
        return requests().stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }
}
