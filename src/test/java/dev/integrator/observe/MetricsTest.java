package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.ErrorCode;
import dev.integrator.GitHubStub;
import dev.integrator.runtime.Integrator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the chain counts, as Prometheus scrapes it: per provider and operation, with bounded tags. */
class MetricsTest extends GitHubStub {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @BeforeEach
    void withPrometheus() {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(registry).start();
    }

    private Scrape scrape() {
        return Scrape.of(registry.scrape());
    }

    @Test
    void calls_are_counted_by_outcome_and_code_with_their_latency() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/gone").willReturn(notFound()));

        integrator.call("github.repos.get", repo("apache", "camel"));
        integrator.call("github.repos.get", repo("apache", "camel"));
        integrator.call("github.repos.get", repo("apache", "gone"));

        Scrape s = scrape();
        String[] op = {"provider", "github", "operation", "github.repos.get"};
        assertThat(s.value("integrator_calls_total", with(op, "outcome", "ok", "code", "none"))).isEqualTo(2);
        assertThat(s.value("integrator_calls_total", with(op, "outcome", "error", "code", "NOT_FOUND"))).isEqualTo(1);
        assertThat(s.value("integrator_calls_total", with(op, "outcome", "error", "code", "TIMEOUT"))).isZero();
        assertThat(s.value("integrator_call_duration_seconds_count", with(op, "outcome", "ok"))).isEqualTo(2);
        assertThat(s.value("integrator_call_duration_seconds_bucket", with(op, "outcome", "ok", "le", "+Inf"))).isEqualTo(2);
        assertThat(s.find("integrator_call_duration_seconds_bucket", with(op, "outcome", "ok")))
                .as("buckets from 5 ms to 30 s, for histogram_quantile").hasSize(13)
                .anyMatch(b -> b.labels().get("le").equals("0.005")).anyMatch(b -> b.labels().get("le").equals("30.0"));
        assertThat(s.value("integrator_attempts_total", with(op, "status", "2xx"))).isEqualTo(2);
        assertThat(s.value("integrator_attempts_total", with(op, "status", "4xx"))).isEqualTo(1);
        assertThat(s.value("integrator_calls_in_flight", op)).isZero();
    }

    @Test
    void retries_are_counted_apart_from_first_attempts() {
        getInTurn("/repos/apache/camel", status(503), status(502), okJson(repoJson()));

        assertThat(integrator.call("github.repos.get", repo("apache", "camel")).ok()).isTrue();

        Scrape s = scrape();
        String[] op = {"provider", "github", "operation", "github.repos.get"};
        assertThat(s.value("integrator_attempts_total", with(op, "status", "5xx"))).isEqualTo(2);
        assertThat(s.value("integrator_attempts_total", with(op, "status", "2xx"))).isEqualTo(1);
        assertThat(s.value("integrator_retries_total", op)).isEqualTo(2);
        assertThat(s.value("integrator_calls_total", with(op, "outcome", "ok", "code", "none"))).isEqualTo(1);
        assertThat(s.value("integrator_throttle_wait_seconds_count", "provider", "github")).isEqualTo(3);
    }

    @Test
    void a_retry_the_retry_budget_refuses_is_counted_per_operation() {
        integrator.close();
        integrator = Integrator.builder().env(env()).meterRegistry(registry).override("github", json("""
                {"retry": {"budgetPercent": 0, "minRetryConcurrency": 0}}
                """)).start();
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        assertThat(integrator.call("github.repos.get", repo("apache", "camel")).error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);

        String[] op = {"provider", "github", "operation", "github.repos.get"};
        assertThat(scrape().value("integrator_retry_budget_refused_total", op)).isEqualTo(1);
        assertThat(scrape().value("integrator_retries_total", op)).isZero();
    }

    @Test
    void a_budget_refusal_is_a_throttle_rejection() {
        integrator.close();
        integrator = Integrator.builder().env(env()).meterRegistry(registry).override("github", json("""
                {"budget": {"requestsPerSecond": 1, "burst": 1, "maxWaitMs": 0}}
                """)).start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        integrator.call("github.repos.get", repo("apache", "camel"));
        ErrorCode second = integrator.call("github.repos.get", repo("apache", "camel")).error().code();

        assertThat(second).isEqualTo(ErrorCode.RATE_LIMITED);
        Scrape s = scrape();
        String[] op = {"provider", "github", "operation", "github.repos.get"};
        assertThat(s.value("integrator_throttle_rejections_total", op)).isEqualTo(1);
        assertThat(s.value("integrator_calls_total", with(op, "outcome", "error", "code", "RATE_LIMITED"))).isEqualTo(1);
    }

    @Test
    void breaker_state_and_transitions_follow_the_breaker() {
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));
        assertThat(scrape().value("integrator_breaker_state", "provider", "github", "breaker", "github", "state", "closed")).isEqualTo(1);

        for (int i = 0; i < 4; i++) {
            integrator.call("github.repos.get", repo("apache", "camel"));
        }

        Scrape s = scrape();
        assertThat(s.value("integrator_breaker_state", "provider", "github", "breaker", "github", "state", "open")).isEqualTo(1);
        assertThat(s.value("integrator_breaker_state", "provider", "github", "breaker", "github", "state", "closed")).isZero();
        assertThat(s.value("integrator_breaker_transitions_total", "provider", "github", "breaker", "github", "from", "closed", "to", "open")).isEqualTo(1);
        assertThat(s.value("integrator_breaker_state", "provider", "github", "breaker", "github.search", "state", "closed"))
                .as("search has a breaker of its own").isEqualTo(1);
        assertThat(s.value("integrator_calls_total", "operation", "github.repos.get", "code", "UPSTREAM_ERROR")).isEqualTo(4);
    }

    @Test
    void a_restarted_integrator_on_the_same_registry_reports_its_own_breaker_and_in_flight_calls() {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(registry).start();

        integrator.provider("github").breaker().transitionToOpenState();

        Scrape s = scrape();
        assertThat(s.value("integrator_breaker_state", "provider", "github", "breaker", "github", "state", "open")).isEqualTo(1);
        assertThat(s.value("integrator_breaker_state", "provider", "github", "breaker", "github", "state", "closed")).isZero();
    }

    @Test
    void a_call_is_in_flight_from_request_validation_to_its_outcome() throws Exception {
        github.stubFor(get("/repos/apache/slow").willReturn(okJson(repoJson()).withFixedDelay(1500)));
        String[] op = {"provider", "github", "operation", "github.repos.get"};

        var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> integrator.call("github.repos.get", repo("apache", "slow")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> scrape().value("integrator_calls_in_flight", op) == 1);
        assertThat(call.get().ok()).isTrue();

        assertThat(scrape().value("integrator_calls_in_flight", op)).isZero();
        integrator.call("github.repos.get", Map.of("owner", "apache"));
        integrator.provider("github").breaker().transitionToOpenState();
        integrator.call("github.repos.get", repo("apache", "slow"));
        assertThat(scrape().value("integrator_calls_in_flight", op)).as("after INVALID_REQUEST and CIRCUIT_OPEN").isZero();
        assertThat(scrape().value("integrator_calls_total", with(op, "code", "INVALID_REQUEST"))).isEqualTo(1);
        assertThat(scrape().value("integrator_calls_total", with(op, "code", "CIRCUIT_OPEN"))).isEqualTo(1);
    }

    @Test
    void contract_violations_are_counted_per_contract() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson().replace("\"stargazers_count\": 5800", "\"stargazers_count\": \"5.8k\""))));

        integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(scrape().value("integrator_contract_violations_total", "operation", "github.repos.get", "contract", "github.repos.v1"))
                .isEqualTo(1);
    }

    @Test
    void tag_values_stay_bounded_whatever_the_caller_sends() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/camel?per_page=5").willReturn(aResponse().withStatus(500)));

        integrator.call("github.repos.get", repo("apache", "camel"));
        integrator.call("github.repos.get", Map.of("owner", "apache", "repo", "camel", "extra", "x-123"));
        integrator.call("github.nope.x-" + System.nanoTime(), Map.of());
        integrator.call("../../etc/passwd", Map.of());

        Scrape s = scrape();
        Set<String> operations = s.samples().stream().map(sample -> sample.labels().get("operation")).filter(o -> o != null)
                .collect(Collectors.toSet());
        Set<String> known = integrator.operations().all().stream().map(op -> op.id()).collect(Collectors.toSet());
        assertThat(operations).allMatch(o -> known.contains(o) || o.equals("unknown"));
        assertThat(s.value("integrator_calls_total", "operation", "unknown", "code", "INVALID_REQUEST")).isEqualTo(2);
        assertThat(s.text()).doesNotContain("x-123").doesNotContain("passwd").doesNotContain("apache/camel").doesNotContain(TOKEN);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
