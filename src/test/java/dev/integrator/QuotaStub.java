package dev.integrator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider on loopback (the JDK's HTTP server) that enforces a quota per rate-limit resource as fixed windows: N
 * requests from the first request of a window until its end, which falls on a whole epoch second at least T later;
 * beyond N it answers 429. Every answer says what is left, in the headers of {@link Style}. Searches
 * ({@code /search/...}) count against {@code search}, everything else against {@code core}. It records when each
 * request arrived, in which window and with which status.
 */
final class QuotaStub implements AutoCloseable {

    /** How the answers report what is left. */
    enum Style {
        /** GitHub's X-RateLimit-Remaining, X-RateLimit-Reset (epoch seconds) and X-RateLimit-Resource. */
        GITHUB,
        /** The older IETF draft triple RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds from now). */
        TRIPLE,
        /** The IETF structured fields RateLimit: "policy";r=R;t=S and RateLimit-Policy: "policy";q=N;w=T. */
        IETF
    }

    /** One request: its window (1 for the first), ms since that window began, and the status answered. */
    record Arrival(String resource, int window, long atMs, int status) {
    }

    private record Limit(int requests, long windowMs) {
    }

    private static final class Window {
        int index;
        long startMs;
        long endMs;
        int used;
    }

    private final Style style;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Limit> limits = new HashMap<>();
    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, long[]> firstWindows = new HashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();

    QuotaStub(Style style) throws IOException {
        this.style = style;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code resource} allows {@code requests} per window of at least {@code window}. */
    synchronized void allow(String resource, int requests, Duration window) {
        limits.put(resource, new Limit(requests, window.toMillis()));
    }

    /** Every request in the order it came. */
    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The first window of {@code resource} as {start, end} in epoch ms, once its first request came; null before. */
    synchronized long[] firstWindow(String resource) {
        return firstWindows.get(resource);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String resource = path.startsWith("/search/") ? "search" : "core";
        int status;
        Map<String, String> headers = new HashMap<>();
        synchronized (this) {
            long now = System.currentTimeMillis();
            Limit limit = limits.get(resource);
            Window w = windows.computeIfAbsent(resource, r -> new Window());
            if (w.index == 0 || now >= w.endMs) {
                w.index++;
                w.startMs = now;
                w.endMs = (now + limit.windowMs() + 999) / 1000 * 1000;
                w.used = 0;
                firstWindows.putIfAbsent(resource, new long[] {w.startMs, w.endMs});
            }
            w.used++;
            status = w.used > limit.requests() ? 429 : 200;
            arrivals.add(new Arrival(resource, w.index, now - w.startMs, status));
            int remaining = Math.max(0, limit.requests() - w.used);
            long secondsLeft = (w.endMs - now + 999) / 1000;
            switch (style) {
                case GITHUB -> {
                    headers.put("X-RateLimit-Limit", String.valueOf(limit.requests()));
                    headers.put("X-RateLimit-Remaining", String.valueOf(remaining));
                    headers.put("X-RateLimit-Reset", String.valueOf(w.endMs / 1000));
                    headers.put("X-RateLimit-Resource", resource);
                }
                case TRIPLE -> {
                    headers.put("RateLimit-Limit", String.valueOf(limit.requests()));
                    headers.put("RateLimit-Remaining", String.valueOf(remaining));
                    headers.put("RateLimit-Reset", String.valueOf(secondsLeft));
                }
                case IETF -> {
                    headers.put("RateLimit", "\"" + resource + "\";r=" + remaining + ";t=" + secondsLeft);
                    headers.put("RateLimit-Policy", "\"" + resource + "\";q=" + limit.requests() + ";w=" + limit.windowMs() / 1000);
                }
            }
        }
        String body = status == 429 ? "{\"message\": \"API rate limit exceeded\"}"
                : resource.equals("search") ? "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}"
                : GitHubStub.repoJson();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
