package dev.integrator.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A Stripe stand-in on a loopback port with the semantics a client of Stripe must survive: form bodies, objects
 * created with ids, idempotency keys as Stripe keeps them ({@link StripeIdempotency}), Stripe's declining test cards,
 * cursor and search pages, a {@code Request-Id} on every answer, and faults on demand: a {@code lock_timeout} 429, a
 * 500 after the object was created, a write held before it runs, a slow answer after the object is created. It
 * counts requests, requests per idempotency key and objects created, so a test or the demo can show that a retried
 * write created one object.
 */
public final class StripeSandbox implements AutoCloseable {

    /** The id segment of an object's path ({@code /v1/customers/cus_1}); {@code search} is not an id. */
    private static final Pattern OBJECT_ID = Pattern.compile("^/v1/(customers|payment_intents)/(?!search$)[^/]+");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stripe-sandbox");
        t.setDaemon(true);
        return t;
    });
    private final StripeObjects objects = new StripeObjects();
    private final StripeIdempotency idempotency = new StripeIdempotency();
    private final StripeFaults faults = new StripeFaults();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();

    private StripeSandbox(HttpServer server) {
        this.server = server;
    }

    public static StripeSandbox start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StripeSandbox sandbox = new StripeSandbox(server);
            server.setExecutor(sandbox.threads);
            server.createContext("/", sandbox::handle);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Stripe sandbox on loopback: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered 429 {@code lock_timeout}, ahead of the idempotency layer. */
    public StripeSandbox lockTimeouts(int count) {
        faults.lockTimeouts.set(count);
        return this;
    }

    /** The next {@code count} writes that create an object create it, then answer 500 (stored under the key). */
    public StripeSandbox failAfterCreate(int count) {
        faults.failAfterCreate.set(count);
        return this;
    }

    /** The next {@code count} writes that create an object create it and store the answer, then wait {@code delay}. */
    public StripeSandbox slowAfterCreate(Duration delay, int count) {
        faults.slowAfterCreate.set(count);
        faults.delayMs = delay.toMillis();
        return this;
    }

    /** The next write waits, its key in use, until {@link #releaseHeld()}: a request with that key meanwhile is 409. */
    public StripeSandbox holdNextWrite() {
        faults.holdNext();
        return this;
    }

    public StripeSandbox releaseHeld() {
        faults.release();
        return this;
    }

    public int requests() {
        return requests.get();
    }

    /** Requests that carried {@code key} in {@code Idempotency-Key}. */
    public int requestsWithKey(String key) {
        AtomicInteger n = requestsByKey.get(key);
        return n == null ? 0 : n.get();
    }

    /** The idempotency keys seen, each with how many requests carried it. */
    public Map<String, Integer> keys() {
        Map<String, Integer> keys = new TreeMap<>();
        requestsByKey.forEach((k, v) -> keys.put(k, v.get()));
        return keys;
    }

    /** Objects of every kind created so far. */
    public synchronized int objectsCreated() {
        return objects.created();
    }

    public synchronized int paymentIntentsCreated() {
        return objects.paymentIntents();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = requests.incrementAndGet();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                requestsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            FormParams params = FormParams.parse(method.equals("GET")
                    ? exchange.getRequestURI().getRawQuery()
                    : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            StripeIdempotency.Outcome outcome = answer(authorization, method, path, params, key);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_sandbox" + n);
            if (key != null) {
                exchange.getResponseHeaders().add("Idempotency-Key", key);
            }
            if (outcome.replayed()) {
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
            }
            StripeFaults.sleep(outcome.delayMs());
            byte[] body = outcome.answer().body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(outcome.answer().status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private StripeIdempotency.Outcome answer(String authorization, String method, String path, FormParams params,
            String key) {
        if (authorization == null || !authorization.matches("Bearer [sr]k_test_\\S+")) {
            return StripeIdempotency.Outcome.of(StripeAnswer.error(401, "invalid_request_error", null, null,
                    "Invalid API Key provided: the Stripe sandbox takes test-mode keys (sk_test_...) only."));
        }
        if (faults.take(faults.lockTimeouts)) {
            return StripeIdempotency.Outcome.of(StripeAnswer.error(429, "invalid_request_error", "lock_timeout", null,
                    "This object cannot be accessed right now because another API request or Stripe process is"
                            + " currently accessing it. If you see this error intermittently, retry the request."));
        }
        if (!method.equals("POST")) {
            return StripeIdempotency.Outcome.of(run(method, path, params));
        }
        return key == null ? write(method, path, params)
                : idempotency.run(key, method + " " + path, params, () -> write(method, path, params));
    }

    /** A write, with the faults asked for around the object it creates. */
    private StripeIdempotency.Outcome write(String method, String path, FormParams params) {
        if (faults.take(faults.holdBeforeCreate)) {
            faults.hold();
        }
        int before = objectsCreated();
        StripeAnswer answer = run(method, path, params);
        boolean createdOne = objectsCreated() > before;
        if (createdOne && faults.take(faults.failAfterCreate)) {
            answer = StripeAnswer.error(500, "api_error", null, null, "An unknown error occurred");
        }
        long late = createdOne && faults.take(faults.slowAfterCreate) ? faults.delayMs : 0;
        return new StripeIdempotency.Outcome(answer, false, late);
    }

    private synchronized StripeAnswer run(String method, String path, FormParams params) {
        String[] parts = path.split("/");
        String route = method + " " + OBJECT_ID.matcher(path).replaceAll("/v1/$1/{id}");
        String id = parts.length > 3 ? parts[3] : null;
        return switch (route) {
            case "POST /v1/customers" -> objects.createCustomer(params);
            case "GET /v1/customers" -> objects.listCustomers(params);
            case "GET /v1/customers/search" -> objects.searchCustomers(params);
            case "GET /v1/customers/{id}" -> objects.customer(id);
            case "POST /v1/payment_intents" -> objects.createPaymentIntent(params);
            case "GET /v1/payment_intents/{id}" -> objects.paymentIntent(id);
            case "POST /v1/payment_intents/{id}/confirm" -> objects.confirmPaymentIntent(id, params);
            case "POST /v1/payment_intents/{id}/cancel" -> objects.cancelPaymentIntent(id, params);
            case "POST /v1/refunds" -> objects.createRefund(params);
            default -> StripeAnswer.error(404, "invalid_request_error", null, null,
                    "Unrecognized request URL (" + method + ": " + path + ").");
        };
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
