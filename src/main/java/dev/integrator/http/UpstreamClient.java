package dev.integrator.http;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One provider's HTTP client: one attempt per call, no retries of its own (the chain decides those), connect
 * and response timeouts always set, bodies bounded in size. Redirects are followed here, so that the token is
 * added only when a hop targets the provider's own origin and never travels to another host.
 *
 * <p>Apache HttpClient 5 classic with a pooled connection manager, as camel-http uses it: blocking I/O on the
 * caller's thread, no hand-off to another thread per call (the JDK HttpClient's selector thread cost about twice
 * the CPU per call, bench/RESULTS.md "The HTTP link"). Everything it would add of its own is off: retries,
 * redirects, cookies, authentication, content compression, its User-Agent, protocol upgrades.
 */
public final class UpstreamClient {

    private static final int MAX_REDIRECTS = 5;
    /** Far above any caller count: a call never waits for a connection, as with a client without a pool. */
    private static final int MAX_CONNECTIONS = 1024;
    /** Names the JDK client refused too: the transport's own, never a provider's declared header. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Ends an exchange still running at its deadline (the body included) by cancelling its request. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final CloseableHttpClient http;
    private final URI origin;
    private final long maxResponseBytes;

    /** @param baseUrl the provider's base URL; its scheme, host and port are the only origin that gets the token */
    public UpstreamClient(String baseUrl, Duration connectTimeout, long maxResponseBytes) {
        this(baseUrl, connectTimeout, maxResponseBytes, null);
    }

    /**
     * @param tls the TLS context (see {@link TrustStore}), or null for the JDK default; certificates and host names are
     *     always verified (HttpClient's default host name policy: the JDK's check and its own)
     */
    public UpstreamClient(String baseUrl, Duration connectTimeout, long maxResponseBytes, SSLContext tls) {
        this.origin = origin(URI.create(baseUrl));
        this.maxResponseBytes = maxResponseBytes;
        ClientTlsStrategyBuilder tlsStrategy = ClientTlsStrategyBuilder.create();
        if (tls != null) {
            tlsStrategy.setSslContext(tls);
        }
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setTlsSocketStrategy(tlsStrategy.buildClassic())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableDefaultUserAgent()
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false).setExpectContinueEnabled(false).setProtocolUpgradeEnabled(false).build())
                .build();
    }

    /** Closes the pooled connections; the client is not used afterwards. */
    public void close() {
        http.close(CloseMode.IMMEDIATE);
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
     * One exchange, on the calling thread. The deadline cancels the request wherever it is (waiting for a connection,
     * connecting, sending, waiting for the answer or reading the body), so the whole answer stays within
     * {@code timeout}. A body not read to its end (over the limit, or failed) closes its connection instead of
     * draining it.
     */
    private UpstreamResponse send(UpstreamRequest request, String authorization, Duration timeout) {
        HttpUriRequestBase built = build(request, authorization);
        ScheduledFuture<?> deadline = DEADLINES.schedule(built::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return http.execute(built, response -> {
                try {
                    return new UpstreamResponse(response.getCode(), headers(response), LimitedBody.read(response.getEntity(), maxResponseBytes),
                            request.uri());
                } catch (IOException | RuntimeException e) {
                    built.cancel();
                    throw e;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (built.isCancelled() && !(e instanceof LimitedBody.TooLarge)) {
                throw IntegrationException.of(ErrorCode.TIMEOUT, "no complete response within " + timeout.toMillis() + " ms")
                        .retryable(true).outage().build();
            }
            throw transportFailure(e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The request as declared, and the token for the provider's origin only. A header the transport owns (Host,
     * Connection, ...), a name that is not an HTTP token or a value with a line break is refused: a request that
     * cannot be made, reported as such, with nothing sent.
     */
    private HttpUriRequestBase build(UpstreamRequest request, String authorization) {
        String scheme = request.uri().getScheme();
        if (request.uri().getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw notSent("not an http(s) URI with a host");
        }
        HttpUriRequestBase built = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach((name, value) -> {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw notSent("restricted header name: \"" + name + "\"");
            }
            if (!isToken(name) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw notSent("invalid header \"" + name + "\"");
            }
            built.addHeader(name, value);
        });
        if (authorization != null && origin.equals(origin(request.uri()))) {
            built.addHeader("Authorization", authorization);
        }
        if (request.body() != null) {
            built.setEntity(new ByteArrayEntity(request.body(), null));
        }
        return built;
    }

    private static IntegrationException notSent(String why) {
        return IntegrationException.of(ErrorCode.UPSTREAM_ERROR, "request cannot be sent: " + why).notSent().build();
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Names in lower case, as the JDK client gave them: what drift samples and logs record stays the same. */
    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return headers;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "integrator-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        // A finished exchange cancels its timer; removed at once, the queue holds only the exchanges in flight.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static IntegrationException transportFailure(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LimitedBody.TooLarge) {
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
        if (cause instanceof ConnectTimeoutException || cause instanceof ConnectException) {
            // The connection was never established, so the request provably never left.
            return IntegrationException.of(ErrorCode.UNAVAILABLE, "cannot connect to the provider: " + describe(cause))
                    .retryable(true).notSent().outage().build();
        }
        if (cause instanceof SocketTimeoutException) {
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
