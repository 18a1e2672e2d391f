package dev.integrator.sdk;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An SDK's IO failure as our typed error, the way the HTTP client classifies its own. Whether the request was sent
 * decides whether a write may be retried, so the binding says it: an SDK's exception alone does not tell a connect
 * timeout from a read timeout.
 */
public final class SdkFailures {

    private SdkFailures() {
    }

    /** @param sent whether any of the request was written to the connection */
    public static IntegrationException io(IOException failure, boolean sent) {
        String what = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " " + failure.getMessage());
        if (failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException) {
            // Retrying cannot make a certificate trusted; nothing was sent.
            return IntegrationException.of(ErrorCode.UNAVAILABLE, "TLS handshake with the provider failed: " + what)
                    .retryable(false).notSent().outage().build();
        }
        if (!sent) {
            return IntegrationException.of(ErrorCode.UNAVAILABLE, "cannot connect to the provider: " + what)
                    .retryable(true).notSent().outage().build();
        }
        if (failure instanceof InterruptedIOException) {
            // OkHttp's read and call timeouts: SocketTimeoutException, or InterruptedIOException "timeout".
            return IntegrationException.of(ErrorCode.TIMEOUT, "no response in time: " + what).retryable(true).outage().build();
        }
        return IntegrationException.of(ErrorCode.UNAVAILABLE, "connection to the provider failed: " + what)
                .retryable(true).outage().build();
    }
}
