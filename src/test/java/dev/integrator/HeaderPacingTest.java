package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the provider says is left of a rate-limit resource is spread over the time to its reset: callers offering far
 * more than the allowance get it over the whole window instead of all at once followed by 429s, and the whole
 * allowance is used. The same with GitHub's headers, the older IETF triple and the IETF structured fields.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeaderPacingTest {

    private static final int ALLOWED = 20;
    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final int CALLERS = 3;
    private static final Map<String, Object> REPO = Map.of("owner", "apache", "repo", "camel");
    private static final Map<String, Object> QUERY = Map.of("q", "repo:apache/camel is:open");

    /** Fast retries, a budget far above the allowance (1000/s), and a wait long enough for the pace. */
    private static final String SETTINGS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 10000},
             "rateLimit": %s}
            """;

    @TempDir
    Path driftDir;

    private QuotaStub stub;
    private Integrator integrator;

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void githubs_remaining_and_reset_spread_the_allowance_over_the_window() throws Exception {
        start(QuotaStub.Style.GITHUB, "{}");
        offerFarMoreThanAllowed();
    }

    @Test
    void the_older_ietf_triple_spreads_the_allowance_over_the_window() throws Exception {
        start(QuotaStub.Style.TRIPLE, """
                {"remainingHeader": "RateLimit-Remaining", "resetHeader": "RateLimit-Reset", "resetFormat": "secondsFromNow",
                 "resourceHeader": null}""");
        offerFarMoreThanAllowed();
    }

    @Test
    void the_ietf_structured_fields_spread_the_allowance_over_the_window() throws Exception {
        start(QuotaStub.Style.IETF, """
                {"headers": "ietf", "remainingHeader": null, "resetHeader": null, "resourceHeader": null}""");
        offerFarMoreThanAllowed();
    }

    @Test
    void a_search_answer_paces_searches_and_not_the_calls_on_core() throws Exception {
        start(QuotaStub.Style.GITHUB, "{}");
        stub.allow("search", 3, Duration.ofSeconds(60));
        stub.allow("core", 100_000, Duration.ofSeconds(60));

        // 2 searches left for about a minute: the next goes at once (the pace's one token), the one after it only
        // some 24 s later, beyond the 10 s maxWaitMs.
        Envelope first = integrator.call("github.search.issues", QUERY);
        Envelope second = integrator.call("github.search.issues", QUERY);
        Envelope third = integrator.call("github.search.issues", QUERY);
        List<Envelope> core = java.util.stream.IntStream.range(0, 10).mapToObj(i -> integrator.call("github.repos.get", REPO)).toList();

        assertThat(first.ok() && second.ok()).isTrue();
        assertThat(third.ok()).as("held by the search pace: %s", third).isFalse();
        assertThat(third.error().code()).as("held by the search pace: %s", third).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(third.error().retryAfterMs()).as("the wait for the pace's next token").isGreaterThan(10_000L);
        assertThat(stub.arrivals()).filteredOn(a -> a.resource().equals("search")).hasSize(2);
        assertThat(core).as("core has 100000 left for a minute: no pace of search holds it").allMatch(Envelope::ok);
        assertThat(stub.arrivals()).filteredOn(a -> a.resource().equals("core")).hasSize(10);
    }

    private void start(QuotaStub.Style style, String rateLimit) throws Exception {
        stub = new QuotaStub(style);
        stub.allow("core", ALLOWED, WINDOW);
        stub.allow("search", ALLOWED, WINDOW);
        integrator = Integrator.builder().env(Map.of("GITHUB_BASE_URL", stub.url(), "GITHUB_TOKEN", GitHubStub.TOKEN,
                "INTEGRATOR_DRIFT_DIR", driftDir.toString())).override("github", GitHubStub.json(SETTINGS.formatted(rateLimit))).start();
    }

    /** Callers call without a pause until the first window ends; its arrivals are checked. */
    private void offerFarMoreThanAllowed() throws Exception {
        ConcurrentLinkedQueue<Envelope> failed = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        long giveUpAt = System.currentTimeMillis() + 15_000;
        List<Future<?>> done = java.util.stream.IntStream.range(0, CALLERS).<Future<?>>mapToObj(i -> callers.submit(() -> {
            while (System.currentTimeMillis() < giveUpAt) {
                long[] first = stub.firstWindow("core");
                if (first != null && System.currentTimeMillis() >= first[1]) {
                    return;
                }
                Envelope env = integrator.call("github.repos.get", REPO);
                if (!env.ok()) {
                    failed.add(env);
                }
            }
        })).toList();
        for (Future<?> f : done) {
            f.get(20, TimeUnit.SECONDS);
        }
        callers.shutdown();

        long[] first = stub.firstWindow("core");
        long windowMs = first[1] - first[0];
        List<QuotaStub.Arrival> arrivals = stub.arrivals();
        List<QuotaStub.Arrival> inFirst = arrivals.stream().filter(a -> a.window() == 1).toList();
        long served = inFirst.stream().filter(a -> a.status() == 200).count();
        long firstHalf = inFirst.stream().filter(a -> a.atMs() < windowMs / 2).count();
        System.out.printf("pace: %d of %d allowed in a %d ms window (%.0f %%), %d in its first half, %d refused%n", served, ALLOWED,
                windowMs, 100.0 * served / ALLOWED, firstHalf, arrivals.stream().filter(a -> a.status() == 429).count());

        assertThat(arrivals).as("none refused by the provider").noneMatch(a -> a.status() == 429);
        assertThat(failed).as("no caller saw an error").isEmpty();
        assertThat(firstHalf).as("about half of the allowance in the first half of the window, not all of it: %s", inFirst)
                .isBetween((long) (ALLOWED * 0.3), (long) (ALLOWED * 0.7));
        assertThat(served).as("the allowance used").isGreaterThanOrEqualTo((long) (ALLOWED * 0.9));
    }
}
