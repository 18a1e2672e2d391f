package dev.integrator.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The provider every scenario calls: a JDK HttpServer on 127.0.0.1, in its own JVM, answering each GET with a
 * byte array prepared at start. {@code /repos/o/<r1k|r5k|r50k>/issues} serves the payloads;
 * {@code /repos/quota/...} serves the 1 KB payload under a quota of R requests per second per token (token
 * bucket, answering 429 with Retry-After beyond it); {@code /stats} tells requests served, 429s and the stub's
 * own CPU time, so the harness can show the stub is not the bottleneck. It stops by itself after a bound.
 *
 * <p>Usage: {@code Stub <threads> <quotaPerSecond> <quotaBurst> <maxLifetimeSeconds>}; prints {@code PORT n}.
 */
public final class Stub {

    private static final LongAdder served = new LongAdder();
    private static final LongAdder quotaOk = new LongAdder();
    private static final LongAdder quotaRefused = new LongAdder();

    public static void main(String[] args) throws IOException {
        int threads = Integer.parseInt(args[0]);
        double quotaPerSecond = Double.parseDouble(args[1]);
        int quotaBurst = Integer.parseInt(args[2]);
        long lifetimeSeconds = Long.parseLong(args[3]);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // 0 threads: handlers run on the server's dispatcher thread, no hand-off per request.
        server.setExecutor(threads == 0 ? Runnable::run : Executors.newFixedThreadPool(threads));
        for (Payload p : Payload.values()) {
            server.createContext("/repos/o/" + p.repo + "/", fixed(p.body()));
        }
        server.createContext("/repos/quota/", quota(Payload.KB1.body(), quotaPerSecond, quotaBurst));
        server.createContext("/stats", exchange -> {
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            byte[] body = (served.sum() + " " + quotaOk.sum() + " " + quotaRefused.sum() + " " + cpu).getBytes(StandardCharsets.US_ASCII);
            reply(exchange, 200, Map.of(), body);
        });
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(lifetimeSeconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        });
        stopper.setDaemon(true);
        stopper.start();
        // Also stop when the harness that started us goes away (its pipe to our stdin closes).
        while (System.in.read() >= 0) {
            // keep reading
        }
        System.exit(0);
    }

    /**
     * GitHub's rate-limit headers, so the chain reads them on every answer as it does against GitHub, with a quota
     * no scenario comes near: what is left over the time to the reset (at most the one-hour pause cap) is a pace far
     * above every scenario's budget, and the chain sets no pace slower than none.
     */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "X-RateLimit-Limit", "100000000000000",
            "X-RateLimit-Remaining", "99999999999999",
            "X-RateLimit-Reset", "1893456000");

    /**
     * The quota path's answers say nothing about what is left: its limit is a token bucket, which has no window to
     * report, and a made-up count would pace the chain by it.
     */
    private static final Map<String, String> QUOTA_HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");

    private static HttpHandler fixed(byte[] body) {
        return exchange -> {
            served.increment();
            reply(exchange, 200, HEADERS, body);
        };
    }

    private static HttpHandler quota(byte[] body, double perSecond, int burst) {
        Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
        byte[] refused = "{\"message\":\"API rate limit exceeded\"}".getBytes(StandardCharsets.US_ASCII);
        return exchange -> {
            served.increment();
            String token = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            long waitNanos = buckets.computeIfAbsent(token, t -> new TokenBucket(perSecond, burst)).take();
            if (waitNanos == 0) {
                quotaOk.increment();
                reply(exchange, 200, QUOTA_HEADERS, body);
            } else {
                quotaRefused.increment();
                long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                reply(exchange, 429, Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(seconds),
                        "X-RateLimit-Remaining", "0"), refused);
            }
        };
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Headers h = exchange.getResponseHeaders();
        headers.forEach(h::set);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** R tokens per second, at most {@code burst} saved; a request that finds no token is refused, not queued. */
    static final class TokenBucket {
        private final double perNano;
        private final double burst;
        private double tokens;
        private long at = System.nanoTime();

        TokenBucket(double perSecond, int burst) {
            this.perNano = perSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
        }

        /** 0 when a token was taken, otherwise the nanoseconds until one is there. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - at) * perNano);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
