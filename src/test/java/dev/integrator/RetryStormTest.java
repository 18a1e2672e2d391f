package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.chain.retry.RetryBudget;
import dev.integrator.json.Json;
import dev.integrator.observe.LogCapture;
import dev.integrator.observe.OperationMeters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Retries of a failing provider stay a share of the calls in flight (Envoy's retry budget) instead of multiplying the
 * load by maxAttempts; a retry over the budget returns its failure at once; every count is given back.
 */
class RetryStormTest extends GitHubStub {

    private static final String OPERATION = "github.repos.get";
    private static final int MAX_ATTEMPTS = 4;

    /**
     * Four attempts a call, a request budget that never holds a call, and a breaker that cannot open during the test: an
     * open breaker would fail calls fast and hide what the retry budget does. The budget bounds retries in flight, counted
     * through their backoff wait: with at most a share p of the active calls in their retry phase, retries per call stay
     * under p / (1 - p) x attempt / (wait + attempt), which is p or less once the wait is at least a quarter of an attempt
     * (the first wait here is 50 to 100 ms; a 503 from the stub takes a few ms, tens on a busy machine).
     */
    private static String settings(double budgetPercent, int minRetryConcurrency) {
        return settings(budgetPercent, minRetryConcurrency, "{}");
    }

    private static String settings(double budgetPercent, int minRetryConcurrency, String timeouts) {
        return """
                {"retry": {"maxAttempts": %d, "initialDelayMs": 100, "maxDelayMs": 400,
                           "budgetPercent": %s, "minRetryConcurrency": %d},
                 "budget": {"requestsPerSecond": 100000, "burst": 100000, "maxWaitMs": 2000},
                 "breaker": {"minimumNumberOfCalls": 1000, "slidingWindowSize": 1000},
                 "timeouts": %s}
                """.formatted(MAX_ATTEMPTS, budgetPercent, minRetryConcurrency, timeouts);
    }

    @Test
    void a_provider_down_under_32_concurrent_callers_gets_at_most_the_budget_share_of_retries() throws Exception {
        start(settings(20, 3));
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));
        int callers = 32;
        int calls = 320;

        List<Envelope> envelopes = concurrently(callers, calls);

        int attempts = requests().size();
        long refused = Math.round(refusedRetries());
        System.out.printf("retry budget under an outage: %d callers, %d calls, %d upstream attempts (%.2f per call; %d without the"
                + " budget), %d retries refused%n", callers, calls, attempts, (double) attempts / calls, MAX_ATTEMPTS * calls, refused);
        assertThat(envelopes).hasSize(calls).allSatisfy(env -> {
            assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(env.error().retryable()).isTrue();
            assertThat(env.error().status()).isEqualTo(503);
        });
        assertThat(envelopes.stream().mapToInt(env -> env.meta().attempts()).sum()).isEqualTo(attempts);
        // When the last calls drain, fewer are active and the minimum of 3 retries in flight is most of them: those 3
        // slots may each carry one call through all its retries.
        assertThat(attempts).as("(1 + 20 %%) x %d calls + 3 x %d retries", calls, MAX_ATTEMPTS - 1)
                .isLessThanOrEqualTo(calls * 120 / 100 + 3 * (MAX_ATTEMPTS - 1));
        assertThat(refused).as("every call that stopped before its %d attempts was refused by the budget", MAX_ATTEMPTS)
                .isEqualTo(envelopes.stream().filter(env -> env.meta().attempts() < MAX_ATTEMPTS).count()).isPositive();
        assertIdle();
    }

    @Test
    void a_retry_the_budget_refuses_returns_the_failure_at_once_still_retryable_with_the_reason_logged() throws Exception {
        start(settings(0, 0));
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        Envelope env;
        JsonNode outcome;
        try (LogCapture logs = LogCapture.json(Level.INFO, "integrator.call")) {
            env = integrator.call(OPERATION, repo("apache", "camel"));
            outcome = Json.MAPPER.readTree(logs.lines().get(0));
        }

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).as("it was retryable; a caller may try again later").isTrue();
        assertThat(env.error().status()).isEqualTo(503);
        assertThat(env.error().message()).doesNotContain("budget");
        assertThat(env.meta().attempts()).isEqualTo(1);
        assertThat(requests()).hasSize(1);
        assertThat(outcome.path("noRetry").asText())
                .isEqualTo("the retry budget refused it: 0 retries in flight, at most 0 for 1 active calls");
        assertThat(refusedRetries()).isEqualTo(1);
        assertIdle();
    }

    @Test
    void every_call_and_retry_gives_its_count_back_whatever_the_outcome() {
        start(settings(20, 3));
        github.stubFor(get("/repos/apache/ok").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/gone").willReturn(status(404)));
        github.stubFor(get("/repos/apache/down").willReturn(status(503)));
        github.stubFor(get("/repos/apache/slow").willReturn(okJson(repoJson()).withFixedDelay(3000)));
        getInTurn("/repos/apache/flaky", status(503), okJson(repoJson()));
        getInTurn("/repos/apache/drifted", status(503), okJson("{\"id\": \"not a number\"}"));

        expect("ok", null, 1);
        expect("gone", ErrorCode.NOT_FOUND, 1);
        expect("down", ErrorCode.UPSTREAM_ERROR, MAX_ATTEMPTS);
        expect("flaky", null, 2);
        // The retry's attempt succeeds, then the response link fails: the slot is given back at the call's end.
        expect("drifted", ErrorCode.CONTRACT_VIOLATION, 2);
        assertThat(integrator.call(OPERATION, Map.of("owner", "apache")).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertIdle();

        integrator.provider("github").breaker().transitionToOpenState();
        expect("down", ErrorCode.CIRCUIT_OPEN, 0);
        integrator.provider("github").reset();

        restart(settings(0, 0), env());
        expect("down", ErrorCode.UPSTREAM_ERROR, 1);

        // Attempts time out until the deadline leaves no room for another.
        restart(settings(20, 3, "{\"responseMs\": 1000, \"deadlineMs\": 2500, \"minAttemptMs\": 100}"), env());
        expect("slow", ErrorCode.TIMEOUT, -1);
    }

    /** One call of {@code repo}: its code (null: ok) and attempts (-1: any number), then no call or retry left counted. */
    private void expect(String repo, ErrorCode code, int attempts) {
        Envelope env = integrator.call(OPERATION, repo("apache", repo));
        assertThat(env.ok() ? null : env.error().code()).as("%s: %s", repo, env).isEqualTo(code);
        if (attempts >= 0) {
            assertThat(env.meta().attempts()).as(repo).isEqualTo(attempts);
        }
        assertIdle();
    }

    private void assertIdle() {
        RetryBudget budget = integrator.provider("github").retryBudget();
        assertThat(budget.activeCalls()).as("active calls").isZero();
        assertThat(budget.activeRetries()).as("retries in flight").isZero();
    }

    private double refusedRetries() {
        return integrator.meterRegistry().get(OperationMeters.RETRY_BUDGET_REFUSED).tag("operation", OPERATION).counter().count();
    }

    /**
     * {@code calls} calls made by {@code callers} threads released together, each taking the next call as soon as its
     * last one ended: the load stays at {@code callers} calls in flight until the last ones drain.
     */
    private List<Envelope> concurrently(int callers, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger left = new AtomicInteger(calls);
            List<Future<List<Envelope>>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Envelope> mine = new ArrayList<>();
                    while (left.getAndDecrement() > 0) {
                        mine.add(integrator.call(OPERATION, repo("apache", "camel")));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Envelope> all = new ArrayList<>();
            for (Future<List<Envelope>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
