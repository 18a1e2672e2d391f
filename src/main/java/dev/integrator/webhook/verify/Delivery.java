package dev.integrator.webhook.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ingress knows of one delivery before it trusts it: its headers (names case-insensitive), its raw body and
 * when it arrived. The body is the exact bytes received: signatures are computed over them, never over parsed JSON.
 */
public record Delivery(Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

    public Delivery {
        // Names differ only in case on the wire (HTTP/2 sends them lower case): one entry per name, values joined.
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * The header's only value; {@code null} when it is missing or sent several times (a scheme must not pick one of
     * two signatures or timestamps).
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
