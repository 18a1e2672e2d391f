package dev.integrator.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A provider's answer: status, headers (looked up case-insensitively) and the whole body, bounded in size. */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body, URI uri) {

    public UpstreamResponse {
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        headers = ci;
    }

    public Optional<String> header(String name) {
        if (name == null) {
            return Optional.empty();
        }
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
