package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One request budget per provider: every operation and every retry draws from it, refusals never reach GitHub. */
class BudgetTest extends GitHubStub {

    /** Two requests, then nothing for 100 s, and no waiting for a token. */
    private static final String TWO_REQUESTS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 0.01, "burst": 2, "maxWaitMs": 0}}
            """;

    @Test
    void all_operations_of_a_provider_draw_from_one_budget() {
        start(TWO_REQUESTS);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/camel/issues/1").willReturn(okJson(issueJson(1))));
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson(
                "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}")));

        Envelope repoCall = integrator.call("github.repos.get", repo("apache", "camel"));
        Envelope issueCall = integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 1));
        Envelope searchCall = integrator.call("github.search.issues", Map.of("q", "repo:apache/camel is:open"));

        assertThat(repoCall.ok()).as("envelope %s", repoCall).isTrue();
        assertThat(issueCall.ok()).as("envelope %s", issueCall).isTrue();
        assertThat(searchCall.ok()).isFalse();
        assertThat(searchCall.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(searchCall.error().retryAfterMs()).isPositive();
        assertThat(searchCall.meta().attempts()).isZero();
        assertThat(requests()).as("the refused call never reached GitHub").hasSize(2);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void retries_spend_the_budget_and_a_refused_retry_ends_the_call() {
        start(TWO_REQUESTS);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.meta().attempts()).isEqualTo(2);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void an_operations_own_budget_narrows_the_providers_without_touching_other_operations() {
        // github.issues.create allows 1 request/s with a burst of 1; the provider allows 1000/s.
        start("""
                {"budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 0}}
                """);
        github.stubFor(post("/repos/apache/camel/issues").willReturn(okJson(issueJson(5)).withStatus(201)));
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        Map<String, Object> issue = Map.of("owner", "apache", "repo", "camel", "title", "Broken build");

        Envelope first = integrator.call("github.issues.create", issue);
        Envelope second = integrator.call("github.issues.create", issue);
        Envelope other = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(first.ok()).as("envelope %s", first).isTrue();
        assertThat(second.ok()).isFalse();
        assertThat(second.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(other.ok()).as("envelope %s", other).isTrue();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void a_search_its_own_budget_refuses_takes_no_token_from_the_provider() {
        // github.search.issues has its own 0.5 request/s with a burst of 1; the provider gives two requests.
        start(TWO_REQUESTS);
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson(
                "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}")));
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        Map<String, Object> query = Map.of("q", "repo:apache/camel is:open");

        Envelope search = integrator.call("github.search.issues", query);
        Envelope refusedSearch = integrator.call("github.search.issues", query);
        Envelope repoCall = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(search.ok()).as("envelope %s", search).isTrue();
        assertThat(refusedSearch.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(repoCall.ok()).as("the provider's second token is still there: %s", repoCall).isTrue();
        assertThat(requests()).hasSize(2);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_retry_the_budget_cannot_serve_before_the_deadline_ends_the_call() {
        // After the first 503 the next token is ~1 s away, past the 500 ms deadline: the budget refuses the retry.
        start("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1, "burst": 1, "maxWaitMs": 2000},
                 "timeouts": {"responseMs": 300, "deadlineMs": 500}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.meta().attempts()).isEqualTo(1);
        assertThat(requests()).hasSize(1);
    }
}
