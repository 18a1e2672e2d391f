package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.chain.budget.RateLimitSignals;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits the provider asks for: Retry-After (seconds or HTTP-date) and GitHub's remaining/reset headers are
 * honoured when short, and fail at once with RATE_LIMITED and retryAfterMs when longer than maxWaitMs.
 */
class RetryAfterTest extends GitHubStub {

    private static final Instant NOW = Instant.parse("2026-11-26T08:30:00Z");

    /** Date's ms precision and the JDK's clock granularity: a request may be logged up to this much early. */
    private static final long CLOCK_SLACK_MS = 20;

    /** A deadline of two hours, so that only maxWaitMs (2 s) can stop a long wait. */
    private static final String LONG_DEADLINE = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
             "timeouts": {"deadlineMs": 7200000}}
            """;

    @Test
    void retry_after_in_delta_seconds_is_read_as_milliseconds() {
        assertThat(RateLimitSignals.parseRetryAfter("120", NOW)).isEqualTo(OptionalLong.of(120_000));
        assertThat(RateLimitSignals.parseRetryAfter(" 0 ", NOW)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void retry_after_as_a_future_http_date_is_the_time_until_that_date() {
        assertThat(RateLimitSignals.parseRetryAfter("Thu, 26 Nov 2026 08:30:30 GMT", NOW)).isEqualTo(OptionalLong.of(30_000));
        assertThat(RateLimitSignals.parseRetryAfter("Thu, 26 Nov 2026 09:30:00 GMT", NOW)).isEqualTo(OptionalLong.of(3_600_000));
    }

    @Test
    void retry_after_as_a_past_http_date_means_no_wait() {
        assertThat(RateLimitSignals.parseRetryAfter("Wed, 25 Nov 2026 08:30:00 GMT", NOW)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void retry_after_that_is_neither_seconds_nor_a_date_is_ignored() {
        assertThat(RateLimitSignals.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RateLimitSignals.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RateLimitSignals.parseRetryAfter("1.5", NOW)).isEmpty();
        assertThat(RateLimitSignals.parseRetryAfter("", NOW)).isEmpty();
        assertThat(RateLimitSignals.parseRetryAfter("2026-11-26T08:30:30Z", NOW)).isEmpty();
    }

    @Test
    void a_503_with_retry_after_as_http_date_is_retried_no_earlier_than_that_date() {
        // HTTP-dates have whole seconds: the next whole second plus one is 1 to 2 s away, within maxWaitMs.
        Instant retryAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        String httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC));
        getInTurn("/repos/apache/camel", status(503).withHeader("Retry-After", httpDate), okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(requests()).hasSize(2);
        assertThat(arrivalMs(1)).as("retry arrival vs Retry-After %s", httpDate)
                .isGreaterThanOrEqualTo(retryAt.toEpochMilli() - CLOCK_SLACK_MS);
        assertThat(gapMs(0)).isGreaterThanOrEqualTo(900);
    }

    @Test
    void a_403_with_no_remaining_quota_is_retried_after_the_reset_time() {
        // X-RateLimit-Reset is in whole epoch seconds: two seconds ahead is a wait of 1 to 2 s.
        long resetEpochSeconds = Instant.now().getEpochSecond() + 2;
        getInTurn("/repos/apache/camel",
                aResponse().withStatus(403)
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", String.valueOf(resetEpochSeconds))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\"}"),
                okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(requests()).hasSize(2);
        assertThat(arrivalMs(1)).isGreaterThanOrEqualTo(resetEpochSeconds * 1000 - CLOCK_SLACK_MS);
        assertThat(gapMs(0)).isGreaterThanOrEqualTo(900);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_wait_longer_than_max_wait_fails_at_once_with_rate_limited_and_the_wait() {
        start(LONG_DEADLINE);
        github.stubFor(get("/repos/apache/camel").willReturn(status(429).withHeader("Retry-After", "3600")));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryable()).isTrue();
        assertThat(env.error().retryAfterMs()).isEqualTo(3_600_000L);
        assertThat(requests()).hasSize(1);
        assertThat(env.meta().durationMs()).as("maxWaitMs is 2000").isLessThan(2000);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void githubs_secondary_rate_limit_is_rate_limited_not_forbidden() {
        start(LONG_DEADLINE);
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                         "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}
                        """)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().status()).isEqualTo(403);
        assertThat(env.error().retryAfterMs()).isEqualTo(60_000L);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void a_success_that_uses_up_the_quota_stops_the_next_call_of_any_operation_before_it_leaves() {
        long resetEpochSeconds = Instant.now().getEpochSecond() + 3600;
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(resetEpochSeconds))));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));

        Envelope first = integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope next = integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 1));

        assertThat(first.ok()).as("envelope %s", first).isTrue();
        assertThat(next.ok()).isFalse();
        assertThat(next.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(next.error().retryAfterMs()).isBetween(3_500_000L, 3_600_000L);
        assertThat(requests()).as("only the first call reached GitHub").hasSize(1);
    }

    private long arrivalMs(int i) {
        List<LoggedRequest> all = requestsInOrder();
        return all.get(i).getLoggedDate().getTime();
    }
}
