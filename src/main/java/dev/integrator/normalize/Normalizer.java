package dev.integrator.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.http.UpstreamResponse;

/**
 * Maps a provider response that already met its contract into the stable DTO. A pure function: the same
 * body and headers always give the same DTO. It receives the tree the validator checked, so the body is
 * parsed once per call.
 */
@FunctionalInterface
public interface Normalizer {

    Object normalize(JsonNode body, UpstreamResponse response);
}
