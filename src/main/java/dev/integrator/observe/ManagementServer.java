package dev.integrator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.integrator.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
        server.createContext(BASE + "/health/live", ex -> json(ex, health.liveness()));
        server.createContext(BASE + "/health/ready", ex -> json(ex, health.readiness()));
        server.createContext(BASE + "/health", ex -> json(ex, health.readiness()));
        server.createContext(BASE + "/metrics", ex -> {
            if (exactPath(ex)) {
                respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            }
        });
        server.createContext("/", ex -> respond(ex, 404, "text/plain; charset=utf-8", "not found: try " + BASE + "/health or " + BASE + "/metrics\n"));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
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

    private static void json(HttpExchange ex, Health.Report report) throws IOException {
        if (exactPath(ex)) {
            respond(ex, report.up() ? 200 : 503, "application/json", Json.MAPPER.writeValueAsString(report.body()));
        }
    }

    /** A context matches by prefix; /observe/health/anything is not a health endpoint. */
    private static boolean exactPath(HttpExchange ex) throws IOException {
        if (ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
            return true;
        }
        respond(ex, 404, "text/plain; charset=utf-8", "not found\n");
        return false;
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
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
