package dev.integrator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.integrator.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The management port of {@code integrator run}: {@code /observe/health/live}, {@code /observe/health/ready}
 * (also at {@code /observe/health}) and {@code /observe/metrics} in Prometheus' text format. GET and HEAD only;
 * it serves its own thread so that a slow scrape never takes a call's thread.
 */
public final class ManagementServer implements AutoCloseable {

    public static final String BASE = "/observe";

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Port 0 takes a free port; {@link #port()} tells which. */
    public static ManagementServer start(String host, int port, PrometheusMeterRegistry metrics, Health health) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the management port " + host + ":" + port + ": " + e.getMessage()
                    + " (INTEGRATOR_MANAGEMENT_HOST / INTEGRATOR_MANAGEMENT_PORT choose another)", e);
        }
        server.createContext(BASE + "/health/live", ex -> serve(ex, () -> json(health.liveness())));
        server.createContext(BASE + "/health/ready", ex -> serve(ex, () -> json(health.readiness())));
        server.createContext(BASE + "/health", ex -> serve(ex, () -> json(health.readiness())));
        server.createContext(BASE + "/metrics", ex -> serve(ex, () -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
        server.createContext("/", ex -> serve(ex, () -> NOT_FOUND));
        // Readiness answers from state the brokers keep, so no request waits on a broker; the second thread keeps a
        // scrape from delaying a probe.
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "integrator-management");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new ManagementServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Response(int status, String type, String body) {
    }

    private static final Response NOT_FOUND = new Response(404, "text/plain; charset=utf-8",
            "not found: try " + BASE + "/health/live, " + BASE + "/health/ready or " + BASE + "/metrics\n");

    private static Response json(Health.Report report) {
        try {
            return new Response(report.up() ? 200 : 503, "application/json", Json.MAPPER.writeValueAsString(report.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers GET and HEAD only, and only on a context's exact path (a context matches by prefix); the answer is
     * computed after both checks, so a stray request costs no readiness check or scrape.
     */
    private static void serve(HttpExchange ex, Supplier<Response> answer) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            boolean exact = ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath());
            Response response = exact ? answer.get() : NOT_FOUND;
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", response.type());
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(response.status(), -1);
                return;
            }
            ex.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
