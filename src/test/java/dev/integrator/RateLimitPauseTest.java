package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.integrator.observe.OperationMeters;
import dev.integrator.runtime.Integrator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rate-limit answer pauses the provider's budget for the rate-limit resource it names (GitHub's
 * {@code X-RateLimit-Resource}: core, search, ...), for every operation on that resource, until its time; other
 * resources keep working. A 429 that names no wait waits the provider's {@code defaultWaitMs}.
 */
class RateLimitPauseTest extends GitHubStub {

    private static final String SEARCH = "/search/issues";
    private static final Map<String, Object> ISSUE_1 = Map.of("owner", "apache", "repo", "camel", "issue_number", 1);
    private static final Map<String, Object> QUERY = Map.of("q", "repo:apache/camel is:open");

    /** Date's ms precision and the JDK's clock granularity: a request may be logged up to this much early. */
    private static final long CLOCK_SLACK_MS = 20;

    @Test
    void a_used_up_search_quota_pauses_searches_and_leaves_issues_and_repositories_working() {
        long resetEpochSeconds = Instant.now().getEpochSecond() + 60;
        github.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(resetEpochSeconds))
                .withHeader("X-RateLimit-Resource", "search")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\"}")));
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));

        Envelope search = integrator.call("github.search.issues", QUERY);
        Envelope issue = integrator.call("github.issues.get", ISSUE_1);
        Envelope repository = integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope nextSearch = integrator.call("github.search.issues", QUERY);

        assertThat(search.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(issue.ok()).as("issues are on the core resource: %s", issue).isTrue();
        assertThat(repository.ok()).as("repositories are on the core resource: %s", repository).isTrue();
        assertThat(nextSearch.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(nextSearch.error().retryAfterMs()).as("the search pause, not a token wait").isGreaterThan(50_000L);
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo(SEARCH)))).as("the paused search never left").hasSize(1);
    }

    @Test
    void a_429_that_names_no_wait_waits_the_providers_default_wait_instead_of_the_backoff() {
        github.stubFor(get("/repos/apache/camel").willReturn(status(429)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).as("GitHub's defaultWaitMs").isEqualTo(60_000L);
        assertThat(requests()).as("a minute is over maxWaitMs: no retry hammers the provider").hasSize(1);
    }

    @Test
    void a_429_that_names_no_wait_is_retried_after_a_short_default_wait() {
        start("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "rateLimit": {"defaultWaitMs": 500}}
                """);
        getInTurn("/repos/apache/camel", status(429), okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(requests()).hasSize(2);
        assertThat(gapMs(0)).as("defaultWaitMs, not the 10 ms backoff").isGreaterThanOrEqualTo(500 - CLOCK_SLACK_MS);
    }

    @Test
    void a_retry_after_holds_every_call_on_the_same_resource_and_no_other() {
        github.stubFor(get("/repos/apache/camel").willReturn(status(429).withHeader("Retry-After", "3600")));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));
        github.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(okJson(
                "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}")));

        Envelope limited = integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope issue = integrator.call("github.issues.get", ISSUE_1);
        Envelope search = integrator.call("github.search.issues", QUERY);

        assertThat(limited.error().retryAfterMs()).isEqualTo(3_600_000L);
        assertThat(issue.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(issue.error().retryAfterMs()).isGreaterThan(3_500_000L);
        assertThat(issue.meta().attempts()).isZero();
        assertThat(search.ok()).as("search is another resource: %s", search).isTrue();
        assertThat(github.findAll(getRequestedFor(urlEqualTo("/repos/apache/camel/issues/1")))).isEmpty();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_call_started_during_a_short_retry_after_is_sent_only_once_it_has_passed() throws Exception {
        getInTurn("/repos/apache/camel", status(429).withHeader("Retry-After", "1"), okJson(repoJson()));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));

        CompletableFuture<Envelope> limited = CompletableFuture.supplyAsync(() -> integrator.call("github.repos.get", repo("apache", "camel")));
        await().atMost(Duration.ofSeconds(5)).until(() -> integrator.provider("github").pauses().of("core").remainingMs() > 0);
        long limitedAt = requestsInOrder().get(0).getLoggedDate().getTime();
        Envelope issue = integrator.call("github.issues.get", ISSUE_1);

        assertThat(issue.ok()).as("envelope %s", issue).isTrue();
        assertThat(limited.get(10, TimeUnit.SECONDS).ok()).isTrue();
        long issueSentAt = github.findAll(getRequestedFor(urlEqualTo("/repos/apache/camel/issues/1"))).get(0).getLoggedDate().getTime();
        assertThat(issueSentAt - limitedAt).as("held by the shared pause").isGreaterThanOrEqualTo(1000 - CLOCK_SLACK_MS);
    }

    @Test
    void the_call_that_got_a_retry_after_is_held_at_the_shared_pause_like_the_others() {
        getInTurn("/repos/apache/camel", status(429).withHeader("Retry-After", "1"), okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        double heldMs = integrator.meterRegistry().get(OperationMeters.THROTTLE_WAIT).tag("provider", "github").timer()
                .totalTime(TimeUnit.MILLISECONDS);
        assertThat(heldMs).as("waited at the pause, where each held call adds its jitter, not in a delay of its own")
                .isGreaterThanOrEqualTo(1000 - CLOCK_SLACK_MS);
    }

    @Test
    void a_reset_in_the_year_2100_pauses_the_budget_for_max_pause_and_no_longer() {
        ManualTime time = new ManualTime(Instant.now());
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).timeSource(time).start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.parse("2100-01-01T00:00:00Z").getEpochSecond()))));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));

        integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope paused = integrator.call("github.issues.get", ISSUE_1);
        time.advance(Duration.ofHours(1));
        Envelope afterAnHour = integrator.call("github.issues.get", ISSUE_1);

        assertThat(paused.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(paused.error().retryAfterMs()).as("rateLimit.maxPauseMs, one hour by default").isEqualTo(3_600_000L);
        assertThat(afterAnHour.ok()).as("envelope %s", afterAnHour).isTrue();
    }
}
