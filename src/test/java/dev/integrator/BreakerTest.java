package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.integrator.runtime.Integrator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A circuit breaker counts outages only (5xx after retries, timeouts, connection failures), one per call; an open
 * breaker fails fast without a request, says when it lets a call through again, then lets calls probe and closes
 * after enough successes. The operations of one breaker group share a breaker; GitHub's search has its own.
 */
class BreakerTest extends GitHubStub {

    /** One attempt per call, so that one call is one request; the breaker opens at 50 % of 4 calls, for 300 ms. */
    private static final String ONE_ATTEMPT = """
            {"retry": {"maxAttempts": 1, "initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
             "breaker": {"waitDurationInOpenStateMs": 300, "minimumNumberOfCalls": 4, "slidingWindowSize": 4,
                         "permittedCallsInHalfOpenState": 2}}
            """;

    @Test
    void the_breaker_opens_on_outages_fails_fast_then_half_opens_and_closes_after_successes() {
        start(ONE_ATTEMPT);
        github.stubFor(get("/repos/apache/camel").willReturn(status(500)));

        for (int i = 0; i < 4; i++) {
            assertThat(callRepo().error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        }
        assertThat(breaker().getState()).isEqualTo(State.OPEN);
        assertThat(requests()).hasSize(4);

        Envelope rejected = callRepo();
        assertThat(rejected.error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(rejected.error().retryable()).isTrue();
        assertThat(rejected.meta().attempts()).isZero();
        assertThat(requests()).as("an open breaker does not touch the network").hasSize(4);

        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).until(() -> {
            Envelope probe = callRepo();
            assertThat(probe.ok() || probe.error().code() == ErrorCode.CIRCUIT_OPEN).as("envelope %s", probe).isTrue();
            return probe.ok();
        });
        assertThat(breaker().getState()).as("one success of the 2 permitted").isEqualTo(State.HALF_OPEN);
        assertThat(requests()).as("only the successful probe reached GitHub").hasSize(5);

        assertThat(callRepo().ok()).isTrue();
        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(callRepo().ok()).isTrue();
        assertThat(requests()).hasSize(7);
    }

    @Test
    void a_failed_half_open_probe_opens_the_breaker_again() {
        start(ONE_ATTEMPT);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));
        for (int i = 0; i < 4; i++) {
            callRepo();
        }
        assertThat(breaker().getState()).isEqualTo(State.OPEN);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> callRepo().error().code() == ErrorCode.UPSTREAM_ERROR);

        assertThat(requests()).hasSize(5);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> callRepo().error().code() == ErrorCode.UPSTREAM_ERROR);
        assertThat(breaker().getState()).as("both permitted probes failed").isEqualTo(State.OPEN);
        assertThat(callRepo().error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(requests()).hasSize(6);
    }

    @Test
    void an_open_breaker_says_how_long_it_stays_open() {
        String openForAMinute = ONE_ATTEMPT.replace("\"waitDurationInOpenStateMs\": 300", "\"waitDurationInOpenStateMs\": 60000");
        assertThat(openForAMinute).contains("60000");
        start(openForAMinute);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));
        for (int i = 0; i < 4; i++) {
            callRepo();
        }
        assertThat(breaker().getState()).isEqualTo(State.OPEN);

        Envelope first = callRepo();
        Envelope second = callRepo();

        assertThat(first.error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(first.error().retryAfterMs()).as("what is left of the 60 s open state").isNotNull().isBetween(1L, 60_000L);
        assertThat(second.error().retryAfterMs()).as("counts down").isNotNull().isBetween(1L, first.error().retryAfterMs());
        assertThat(requests()).hasSize(4);
    }

    @Test
    void outages_of_one_operation_open_the_breaker_for_every_operation_of_its_group() {
        start(ONE_ATTEMPT);
        github.stubFor(get("/repos/apache/camel").willReturn(status(502)));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));
        for (int i = 0; i < 4; i++) {
            callRepo();
        }

        Envelope other = integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 1));

        assertThat(other.ok()).isFalse();
        assertThat(other.error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(requests()).hasSize(4);
    }

    @Test
    void a_search_outage_opens_the_search_breaker_and_leaves_repositories_and_issues_working() {
        integrator.close();
        // Search's own narrower budget (0.5/s) would make the four failing searches wait; it is not under test here.
        integrator = Integrator.builder().env(env()).override("github", json(ONE_ATTEMPT)).withoutOperationBudgets().start();
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(status(503)));
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));
        for (int i = 0; i < 4; i++) {
            assertThat(search().error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        }

        assertThat(search().error().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(callRepo().ok()).as("repositories are in the provider's own group").isTrue();
        assertThat(integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 1)).ok()).isTrue();
        assertThat(integrator.provider("github").breaker("search").getState()).isEqualTo(State.OPEN);
        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(requests()).hasSize(6);
    }

    @Test
    void all_retries_of_one_call_count_as_one_breaker_call() {
        // Three attempts per call: if each attempt counted, two calls (6 failures) would open it.
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        for (int i = 0; i < 3; i++) {
            assertThat(callRepo().error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        }
        assertThat(requests()).hasSize(9);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
        assertThat(breaker().getState()).isEqualTo(State.CLOSED);

        callRepo();
        assertThat(breaker().getState()).isEqualTo(State.OPEN);
    }

    /**
     * Answers that show the provider is up, but that we cannot use: an unexpected 4xx (451 is GitHub's answer for a
     * repository blocked by a legal takedown), a redirect without a Location or to a scheme we refuse, a body over
     * the size limit. Each is an UPSTREAM_ERROR that is not retried and not counted by the breaker.
     */
    @Test
    void unexpected_answers_that_are_not_outages_are_not_retried_and_never_open_the_breaker() {
        String smallBodies = settings().replace("\"budget\"", "\"maxResponseBytes\": 1000, \"budget\"");
        assertThat(smallBodies).contains("\"maxResponseBytes\": 1000");
        start(smallBodies);
        Map<String, ResponseDefinitionBuilder> answers = new LinkedHashMap<>();
        answers.put("blocked", status(451));
        answers.put("method", status(405));
        answers.put("toolarge", status(413));
        answers.put("mediatype", status(415));
        answers.put("nolocation", status(302));
        answers.put("ftp", aResponse().withStatus(302).withHeader("Location", "ftp://example.com/camel"));
        answers.put("bigbody", okJson("{\"padding\": \"" + "x".repeat(2000) + "\"}"));
        answers.forEach((repo, answer) -> github.stubFor(get("/repos/apache/" + repo).willReturn(answer)));

        for (String repo : answers.keySet()) {
            for (int i = 0; i < 5; i++) {
                Envelope env = integrator.call("github.repos.get", repo("apache", repo));
                assertThat(env.error().code()).as("%s, call %d", repo, i).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                assertThat(env.error().retryable()).as(repo).isFalse();
                assertThat(env.meta().attempts()).as(repo).isEqualTo(1);
            }
        }

        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(requests()).hasSize(5 * answers.size());
    }

    @Test
    void a_408_is_an_answer_and_never_opens_the_breaker() {
        start(ONE_ATTEMPT);
        github.stubFor(get("/repos/apache/camel").willReturn(status(408)));

        for (int i = 0; i < 8; i++) {
            assertThat(callRepo().error().code()).isEqualTo(ErrorCode.TIMEOUT);
        }

        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void contract_violations_never_open_the_breaker() {
        start(ONE_ATTEMPT);
        String drifted = repoJson().replace("\"stargazers_count\": 5800", "\"stargazers_count\": \"5.8k\"");
        assertThat(drifted).contains("\"5.8k\"");
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(drifted)));

        for (int i = 0; i < 8; i++) {
            assertThat(callRepo().error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
        }

        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(requests()).hasSize(8);
    }

    @Test
    void rate_limits_never_open_the_breaker() {
        // A rate limit that names no wait pauses GitHub for rateLimit.defaultWaitMs; with 0, all eight calls reach it.
        start("""
                {"retry": {"maxAttempts": 1}, "rateLimit": {"defaultWaitMs": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "breaker": {"minimumNumberOfCalls": 4, "slidingWindowSize": 4}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(status(429)));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You have exceeded a secondary rate limit.\"}")));

        for (int i = 0; i < 4; i++) {
            assertThat(callRepo().error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 1))
                    .error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        }

        assertThat(breaker().getState()).isEqualTo(State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(requests()).hasSize(8);
    }

    private Envelope search() {
        return integrator.call("github.search.issues", Map.of("q", "repo:apache/camel is:issue"));
    }

    private Envelope callRepo() {
        return integrator.call("github.repos.get", repo("apache", "camel"));
    }

    private CircuitBreaker breaker() {
        return integrator.provider("github").breaker();
    }
}
