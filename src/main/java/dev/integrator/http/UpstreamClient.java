package dev.integrator.http;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One provider's HTTP client: one attempt per call, no retries of its own (the chain decides those), connect
 * and response timeouts always set, bodies bounded in size. Redirects are followed here, so that the token is
 * added only when a hop targets the provider's own origin and never travels to another host.
 */
public final class UpstreamClient {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final URI origin;
    private final long maxResponseBytes;

    /** @param baseUrl the provider's base URL; its scheme, host and port are the only origin that gets the token */
    public UpstreamClient(String baseUrl, Duration connectTimeout, long maxResponseBytes) {
        this(baseUrl, connectTimeout, maxResponseBytes, null);
    }

    /** @param tls the TLS context (see {@link TrustStore}), or null for the JDK default; certificates are always verified */
    public UpstreamClient(String baseUrl, Duration connectTimeout, long maxResponseBytes, SSLContext tls) {
        this.origin = origin(URI.create(baseUrl));
        this.maxResponseBytes = maxResponseBytes;
        // The client's own tasks (reading a response, completing it, TLS handshake steps) run on the thread that
        // starts them, the client's selector thread, instead of hopping to a pool: half the CPU per call at load.
        // Those tasks never block, and the caller waits in send() on its own thread either way.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(Runnable::run)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /**
     * Sends the request and follows redirects; the whole exchange ends within {@code timeout}. {@code authorization}
     * is the Authorization header value of this attempt (null for none), given per attempt since a refreshed token
     * must reach the retry; it goes only to the provider's own origin.
     */
    public UpstreamResponse exchange(UpstreamRequest request, String authorization, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        UpstreamRequest current = request;
        for (int hop = 0; ; hop++) {
            UpstreamResponse response = send(current, authorization, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            String location = response.header("Location").orElse(null);
            if (!isRedirect(response.status()) || location == null) {
                return response;
            }
            if (hop == MAX_REDIRECTS) {
                throw failure(ErrorCode.UPSTREAM_ERROR, "more than " + MAX_REDIRECTS + " redirects", response.status());
            }
            current = redirect(current, response.status(), target(response, location));
        }
    }

    /** The redirect's target; a Location that is not a URI is the provider's fault, and asking again gets the same. */
    private static URI target(UpstreamResponse response, String location) {
        try {
            return response.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw failure(ErrorCode.UPSTREAM_ERROR, "redirect with a malformed Location: " + e.getMessage(), response.status());
        }
    }

    private UpstreamRequest redirect(UpstreamRequest from, int status, URI target) {
        if (!"https".equals(target.getScheme()) && !"http".equals(target.getScheme())) {
            throw failure(ErrorCode.UPSTREAM_ERROR, "redirect to an unsupported scheme", status);
        }
        if ("https".equals(from.uri().getScheme()) && "http".equals(target.getScheme())) {
            throw failure(ErrorCode.UPSTREAM_ERROR, "redirect from https to http refused", status);
        }
        boolean keepMethod = status == 307 || status == 308;
        if (!keepMethod && !from.method().equals("GET") && !from.method().equals("HEAD")) {
            throw failure(ErrorCode.UPSTREAM_ERROR, "redirect " + status + " of a " + from.method() + " not followed", status);
        }
        return new UpstreamRequest(from.method(), target, from.headers(), from.body());
    }

    /**
     * One exchange, on the calling thread. {@code HttpClient.send} rather than {@code sendAsync}: the public
     * {@code sendAsync} hands each response to the CompletableFuture default executor, which on a machine with
     * fewer than 3 cores starts a new thread per task, so every call cost a thread. The request timeout bounds the
     * wait for the status and headers; the body subscriber fails the exchange if the body is not complete by the
     * same deadline, so the whole answer stays within {@code timeout}.
     */
    private UpstreamResponse send(UpstreamRequest request, String authorization, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest built = build(request, authorization, timeout);
        try {
            HttpResponse<byte[]> r = http.send(built, info -> new LimitedBodySubscriber(maxResponseBytes, deadline, timeout));
            return new UpstreamResponse(r.statusCode(), r.headers().map(), r.body(), r.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ErrorCode.INTERNAL, "interrupted while waiting for the provider", null);
        } catch (IOException | RuntimeException e) {
            throw transportFailure(e);
        }
    }

    /**
     * The JDK request. Its builder refuses a restricted header name (Host, Connection, ...) or a value it cannot send
     * with an IllegalArgumentException: a request that cannot be made, reported as such instead of escaping as a bug.
     */
    private HttpRequest build(UpstreamRequest request, String authorization, Duration timeout) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
            request.headers().forEach(builder::header);
            if (authorization != null && origin.equals(origin(request.uri()))) {
                builder.header("Authorization", authorization);
            }
            return builder.method(request.method(), request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body())).build();
        } catch (IllegalArgumentException e) {
            throw IntegrationException.of(ErrorCode.UPSTREAM_ERROR, "request cannot be sent: " + e.getMessage()).notSent().build();
        }
    }

    private static IntegrationException transportFailure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LimitedBodySubscriber.TooLarge) {
                return failure(ErrorCode.UPSTREAM_ERROR, c.getMessage(), null);
            }
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException || c instanceof SSLPeerUnverifiedException) {
                // Nothing was sent, and retrying cannot make a certificate trusted or change the name it was issued for.
                // A connection that failed all the same: an outage (an expired or replaced certificate is the provider's).
                return IntegrationException.of(ErrorCode.UNAVAILABLE, "TLS handshake with the provider failed (certificate not trusted, "
                        + "or not issued for this host; a private CA goes in INTEGRATOR_TRUSTSTORE): " + describe(c))
                        .retryable(false).notSent().outage().build();
            }
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            // The connection was never established, so the request provably never left.
            return IntegrationException.of(ErrorCode.UNAVAILABLE, "cannot connect to the provider: " + describe(cause))
                    .retryable(true).notSent().outage().build();
        }
        if (cause instanceof HttpTimeoutException) {
            return IntegrationException.of(ErrorCode.TIMEOUT, "no response in time: " + describe(cause)).retryable(true).outage().build();
        }
        if (cause instanceof IOException) {
            return IntegrationException.of(ErrorCode.UNAVAILABLE, "connection to the provider failed: " + describe(cause))
                    .retryable(true).outage().build();
        }
        return failure(ErrorCode.INTERNAL, "HTTP client failure: " + describe(cause), null);
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    /** A failure that is neither retried nor an outage. */
    private static IntegrationException failure(ErrorCode code, String message, Integer status) {
        return IntegrationException.of(code, message).status(status).build();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI origin(URI uri) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return URI.create(scheme + "://" + Objects.requireNonNullElse(uri.getHost(), "").toLowerCase(Locale.ROOT) + ":" + port);
    }
}
