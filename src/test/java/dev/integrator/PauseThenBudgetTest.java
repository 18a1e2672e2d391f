package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Calls held by a rate-limit pause draw their budget tokens when the pause is over, not while it lasts: tokens taken
 * during the pause would all be spent the moment it ends, a burst on top of the budget's own flow, and against a
 * provider whose quota the budget matches that burst earns the next 429, whose pause feeds the next burst.
 */
class PauseThenBudgetTest extends GitHubStub {

    private static final int PER_SECOND = 10;
    private static final int HELD = 10;

    @Test
    void calls_held_by_a_pause_leave_at_the_budgets_pace_when_it_ends() {
        start("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": %d, "burst": 1, "maxWaitMs": 5000},
                 "rateLimit": {"pauseJitterMs": 0}}
                """.formatted(PER_SECOND));
        getInTurn("/repos/apache/camel", aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"API rate limit exceeded\"}"), okJson(repoJson()));

        // Threads of its own: the common pool may have a single one on a small machine, which would queue the calls.
        ExecutorService callers = Executors.newFixedThreadPool(HELD + 1);
        List<CompletableFuture<Envelope>> calls = new ArrayList<>();
        calls.add(CompletableFuture.supplyAsync(() -> integrator.call("github.repos.get", repo("apache", "camel")), callers));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests().size() == 1);
        // The 429 has come back and set the pause by the time these start (the pause lasts 1 s).
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
        for (int i = 0; i < HELD; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> integrator.call("github.repos.get", repo("apache", "camel")), callers));
        }
        calls.forEach(c -> assertThat(c.join().ok()).as("every call succeeds after the pause").isTrue());
        callers.shutdown();

        List<LoggedRequest> after = requestsInOrder().subList(1, HELD + 2);
        long spanMs = after.get(after.size() - 1).getLoggedDate().getTime() - after.get(0).getLoggedDate().getTime();
        // HELD + 1 requests (the retry of the first call too) from a bucket of 1 refilled at PER_SECOND: at least
        // HELD / PER_SECOND seconds from the first to the last; less by a clock tick.
        assertThat(spanMs).as("ms from the first to the last request after the pause").isGreaterThanOrEqualTo(1000L * HELD / PER_SECOND - 50);
    }
}
