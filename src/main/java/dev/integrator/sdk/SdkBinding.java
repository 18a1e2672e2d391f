package dev.integrator.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.http.UpstreamResponse;

/**
 * The one piece of Java of an SDK-backed operation: one attempt, from the parameters as the contract validated them
 * and the token of this attempt to the SDK's call. It answers with what the provider sent (status, headers, body
 * bytes), exactly as the HTTP client does, so that the error dialect, response validation and normalization run
 * unchanged; the SDK's types never leave the binding. A failure with no answer (connection, timeout) is thrown as an
 * {@link dev.integrator.IntegrationException}, see {@link SdkFailures}. The SDK's own retries and rate limiters must
 * be off: the chain's are the only ones.
 */
@FunctionalInterface
public interface SdkBinding {

    /** @param token the credential of this attempt, or null when the provider is called without one */
    UpstreamResponse call(ObjectNode params, String token);
}
