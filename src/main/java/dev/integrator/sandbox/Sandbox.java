package dev.integrator.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider stand-in on a loopback port that replays scripted responses (usually fixtures): each script answers
 * one method and path (and optionally a query string) with its responses in order, repeating the last. It counts
 * the requests it served, so a demo can show what reached the "provider".
 */
public final class Sandbox implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body);
        }
    }

    private record Script(String method, String path, String query, List<Reply> replies, AtomicInteger served) {
    }

    private final HttpServer server;
    private final List<Script> scripts = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private Sandbox(HttpServer server) {
        this.server = server;
    }

    public static Sandbox start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Sandbox sandbox = new Sandbox(server);
            server.createContext("/", sandbox::handle);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox on loopback: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers {@code method path[?query]} with {@code replies} in order; the last one repeats. A null method, path
     * or query matches any. A later script takes precedence over an earlier one.
     */
    public synchronized Sandbox script(String method, String path, String query, Reply... replies) {
        scripts.add(0, new Script(method, path, query, List.of(replies), new AtomicInteger()));
        return this;
    }

    /** Forgets every script and the request count. */
    public synchronized Sandbox reset() {
        scripts.clear();
        requests.set(0);
        return this;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            Reply reply = replyFor(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery());
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private synchronized Reply replyFor(String method, String path, String query) {
        for (Script s : scripts) {
            if ((s.method() == null || s.method().equals(method)) && (s.path() == null || s.path().equals(path))
                    && (s.query() == null || s.query().equals(query))) {
                int n = s.served().getAndIncrement();
                return s.replies().get(Math.min(n, s.replies().size() - 1));
            }
        }
        return new Reply(404, Map.of("Content-Type", "application/json"),
                "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
