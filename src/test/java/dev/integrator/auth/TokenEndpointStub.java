package dev.integrator.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real OAuth 2.0 token endpoint on loopback (the JDK's HTTP server): it records every request's form parameters and
 * Authorization header, and answers what the test says, after an optional delay.
 */
final class TokenEndpointStub implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Map<String, String>> requests = new ArrayList<>();
    private volatile Function<Map<String, String>, Answer> answers;
    /** Token answers wait for this gate, when set, so that callers pile up behind one request in flight. */
    private volatile CountDownLatch gate;

    TokenEndpointStub(Function<Map<String, String>, Answer> answers) throws IOException {
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/token", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A standard token answer. */
    static Answer token(String accessToken, long expiresIn) {
        return new Answer(200, "{\"access_token\": \"" + accessToken
                + "\", \"token_type\": \"Bearer\", \"expires_in\": " + expiresIn + "}");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    void answer(Function<Map<String, String>, Answer> answers) {
        this.answers = answers;
    }

    /** Holds every token answer until {@code release} opens (at most 10 s, so a broken test cannot hang). */
    void holdUntil(CountDownLatch release) {
        this.gate = release;
    }

    synchronized int count() {
        return requests.size();
    }

    synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        form.put("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        form.put("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
        synchronized (this) {
            requests.add(form);
        }
        CountDownLatch release = gate;
        if (release != null) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = answers.apply(form);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
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
