package dev.integrator.slack;

import dev.integrator.http.UpstreamResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * What one attempt through the SDK put on the wire and got back, seen from inside its OkHttp client: whether a
 * connection was made (the request may then have reached Slack), and the answer exactly as Slack sent it, status,
 * headers and body bytes, before the SDK parses it. The SDK runs a call on the calling thread, so the record of the
 * attempt in progress is kept per thread.
 */
final class AttemptCapture {

    /** An answer larger than the provider's maxResponseBytes, refused before the SDK reads it. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("response body over the limit of " + max + " bytes (maxResponseBytes)");
        }
    }

    /** One attempt's record. */
    static final class Attempt {
        boolean connected;
        UpstreamResponse response;
    }

    private final ThreadLocal<Attempt> current = new ThreadLocal<>();
    private final long maxResponseBytes;

    AttemptCapture(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Starts recording the calling thread's attempt; {@link #end} stops it. */
    Attempt begin() {
        Attempt attempt = new Attempt();
        current.set(attempt);
        return attempt;
    }

    void end() {
        current.remove();
    }

    /** Runs once OkHttp holds a connection, just before the request is written: from here on it may arrive. */
    Interceptor connected() {
        return chain -> {
            Attempt attempt = current.get();
            if (attempt != null) {
                attempt.connected = true;
            }
            return chain.proceed(chain.request());
        };
    }

    /** Keeps the answer's bytes (bounded) for the chain; the SDK then reads the same body. */
    Interceptor answer() {
        return chain -> {
            Response response = chain.proceed(chain.request());
            byte[] body = response.peekBody(maxResponseBytes + 1).bytes();
            if (body.length > maxResponseBytes) {
                response.close();
                throw new TooLarge(maxResponseBytes);
            }
            Attempt attempt = current.get();
            if (attempt != null) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(response.headers().toMultimap());
                attempt.response = new UpstreamResponse(response.code(), headers, body, response.request().url().uri());
            }
            return response;
        };
    }
}
