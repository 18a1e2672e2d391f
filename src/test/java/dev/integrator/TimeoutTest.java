package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Every attempt has a response timeout and every call a deadline; an oversized body is an error, not a crash. */
class TimeoutTest extends GitHubStub {

    @Test
    void a_provider_slower_than_the_deadline_ends_the_call_with_timeout_by_the_deadline() {
        // Ten attempts of 300 ms would take 3 s: only the 1 s deadline can end the call this early.
        start("""
                {"retry": {"maxAttempts": 10, "initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "timeouts": {"connectMs": 500, "responseMs": 300, "deadlineMs": 1000}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson()).withFixedDelay(3000)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(env.error().retryable()).isTrue();
        // A correctness bound, not a speed check: the 1000 ms deadline plus slack, far below the 3000 ms answer.
        assertThat(env.meta().durationMs()).isLessThan(2000);
        assertThat(env.meta().attempts()).isBetween(2, 4);
        assertThat(requests()).hasSizeBetween(2, 4);
    }

    @Test
    void the_last_attempt_gets_only_what_is_left_of_the_deadline() {
        // The retry starts ~1500 ms into a 3000 ms deadline: it may wait what is left (~1500 ms), not the full
        // responseMs of 3000. The margins leave room for a slow first attempt on a loaded machine.
        start("""
                {"retry": {"initialDelayMs": 1500, "maxDelayMs": 1500, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "timeouts": {"connectMs": 500, "responseMs": 3000, "deadlineMs": 3000, "minAttemptMs": 1000}}
                """);
        getInTurn("/repos/apache/camel", status(503), okJson(repoJson()).withFixedDelay(8000));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(env.meta().attempts()).isEqualTo(2);
        // A correctness bound: the deadline plus slack, well below the 4500 ms a full responseMs would take.
        assertThat(env.meta().durationMs()).isLessThan(4000);
    }

    @Test
    void a_retry_without_time_left_for_a_useful_attempt_is_not_made_and_the_rate_limit_is_returned() {
        // The 429 arrives ~1500 ms into a 3000 ms deadline and asks for 1 s: the wait would fit, but the attempt after
        // it would have less than minAttemptMs. The caller gets the rate limit and its wait, not a TIMEOUT.
        start("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 5000},
                 "timeouts": {"connectMs": 500, "responseMs": 3000, "deadlineMs": 3000, "minAttemptMs": 1000}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(status(429).withHeader("Retry-After", "1").withFixedDelay(1500)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(env.error().retryAfterMs()).isEqualTo(1000L);
        assertThat(env.meta().attempts()).isEqualTo(1);
        assertThat(requests()).hasSize(1);
        assertThat(integrator.provider("github").breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void each_attempt_times_out_on_its_own_and_is_retried() {
        start("""
                {"retry": {"maxAttempts": 2, "initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "timeouts": {"connectMs": 500, "responseMs": 300, "deadlineMs": 20000}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson()).withFixedDelay(3000)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(env.meta().attempts()).isEqualTo(2);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void a_body_over_the_size_limit_is_an_upstream_error_not_an_escaping_exception() {
        start("""
                {"maxResponseBytes": 1000,
                 "retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0}}
                """);
        String padded = repoJson().replace("\"Apache Camel\"", "\"" + "x".repeat(5000) + "\"");
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(padded)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().message()).contains("1000");
        assertThat(requests()).as("a too large body is not retried").hasSize(1);
    }

    @Test
    void a_body_within_the_size_limit_is_read_whole() {
        start("""
                {"maxResponseBytes": 1000}
                """);
        assertThat(repoJson().length()).isLessThan(1000);
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(repoJson())));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
    }

    @Test
    void a_100_mb_body_ends_in_an_upstream_error_at_the_default_limit_and_the_client_stops_reading() throws Exception {
        long size = 100L * 1024 * 1024;
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        AtomicInteger served = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        CountDownLatch writerDone = new CountDownLatch(1);
        // A real server that streams the body from one reused buffer: the test itself never holds 100 MB.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, size);
                for (long i = 0; i < size / chunk.length; i++) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // The client gave up on the body and closed the connection.
            } finally {
                writerDone.countDown();
                exchange.close();
            }
        });
        server.start();
        try {
            Map<String, String> env = env();
            env.put("GITHUB_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort());
            restart(settings(), env);

            Envelope env100 = integrator.call("github.repos.get", repo("apache", "camel"));

            assertThat(env100.ok()).isFalse();
            assertThat(env100.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(env100.error().message()).contains("exceeds the limit of 10485760 bytes");
            assertThat(env100.error().retryable()).isFalse();
            assertThat(env100.meta().attempts()).isEqualTo(1);
            assertThat(writerDone.await(20, TimeUnit.SECONDS)).as("the server's write fails once the client closes").isTrue();
            assertThat(written.get()).as("bytes the server could write").isLessThan(size / 2);
            assertThat(served.get()).as("not retried").isEqualTo(1);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
