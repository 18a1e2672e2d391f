package dev.integrator.http;

import java.net.URI;
import java.util.Map;

/**
 * One request to a provider, built only from what the contract and the provider settings declare.
 * Authorization is not in {@code headers}: the client adds it per hop, and only for the provider's own host.
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
}
