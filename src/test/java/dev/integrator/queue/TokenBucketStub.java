package dev.integrator.queue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider on 127.0.0.1 that allows {@code perSecond} requests per second per token (a token bucket of
 * {@code burst}, keyed by the Authorization header) and answers 429 with Retry-After beyond, as GitHub's secondary
 * limits do. Every request is answered with {@code body} and its arrival time and status are kept, so a test can
 * count what the provider saw in each second.
 */
final class TokenBucketStub implements AutoCloseable {

    /** One request as the stub saw it: when ({@link System#nanoTime()}) and what it answered. */
    record Arrival(long nanos, int status) {
    }

    private static final byte[] REFUSED = "{\"message\":\"API rate limit exceeded\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final double perSecond;
    private final int burst;
    private final byte[] body;

    private TokenBucketStub(double perSecond, int burst, String body) throws IOException {
        this.perSecond = perSecond;
        this.burst = burst;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    static TokenBucketStub start(double perSecond, int burst, String body) throws IOException {
        return new TokenBucketStub(perSecond, burst, body);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            String token = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            ConsumptionProbe probe = buckets.computeIfAbsent(token, t -> bucket()).tryConsumeAndReturnRemaining(1);
            int status = probe.isConsumed() ? 200 : 429;
            arrivals.add(new Arrival(System.nanoTime(), status));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (status == 429) {
                long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
            }
            byte[] answer = status == 200 ? body : REFUSED;
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Greedy refill, as a provider's budget usually is: one token every 1/perSecond, at most burst saved. */
    private Bucket bucket() {
        Duration perToken = Duration.ofNanos(Math.round(1e9 / perSecond));
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, perToken).build()).build();
    }

    /** What the stub answered in {@code [from, to)} ({@link System#nanoTime()}), by status; 0 for all statuses. */
    long count(long from, long to, int status) {
        return arrivals.stream().filter(a -> a.nanos() >= from && a.nanos() < to && (status == 0 || a.status() == status)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
