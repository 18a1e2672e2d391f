package dev.integrator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Slack Web API stand-in on a loopback port for the demo and the tests: conversations.list, conversations.history,
 * chat.postMessage and users.info under {@code /api}, read from a form or a query as Slack does, answering in Slack's
 * shapes over a small workspace ({@link SlackWorkspace}), with cursor pages and {@code ok: false} errors. A call
 * without a token is {@code not_authed}; listing DMs ({@code types=im}) is {@code missing_scope}, needing
 * {@code im:read}; the first history request of the channel {@value #BUSY} is a 429 with {@code Retry-After: 1}.
 */
public final class SlackStandIn implements AutoCloseable {

    /** A channel whose first history request is rate limited. */
    public static final String BUSY = "C0DEPLOYS1";

    private final HttpServer server;
    private final SlackMethods methods = new SlackMethods(new SlackWorkspace());
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();

    private SlackStandIn(HttpServer server) {
        this.server = server;
    }

    public static SlackStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SlackStandIn slack = new SlackStandIn(server);
            server.createContext("/api/", slack::handle);
            server.start();
            return slack;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Slack stand-in on loopback: " + e.getMessage(), e);
        }
    }

    /** The value for {@code SLACK_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** Requests served so far. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params = form(exchange.getRequestURI().getRawQuery());
            params.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (method.equals("conversations.history") && BUSY.equals(params.get("channel")) && busy.getAndIncrement() == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 429, SlackMethods.error("ratelimited"));
            } else if (auth == null || !auth.startsWith("Bearer ")) {
                send(exchange, 200, SlackMethods.error("not_authed"));
            } else {
                send(exchange, 200, methods.answer(method, params));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = SlackWorkspace.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> params = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
