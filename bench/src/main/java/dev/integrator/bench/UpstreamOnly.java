package dev.integrator.bench;

import dev.integrator.http.UpstreamClient;
import dev.integrator.http.UpstreamRequest;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Our HTTP link alone, without Camel or any other link: {@code UpstreamClient.exchange} as the chain's call step
 * uses it (size limit, timeout covering the body, redirects handled by us). Compared with (a) it shows what the
 * link adds to the JDK HttpClient.
 */
final class UpstreamOnly implements Scenario {

    private final UpstreamClient client;
    private final Map<Payload, UpstreamRequest> requests = new EnumMap<>(Payload.class);

    UpstreamOnly(String baseUrl) {
        client = new UpstreamClient(baseUrl, Duration.ofSeconds(3), 10_485_760);
        Map<String, String> headers = Map.of("User-Agent", "integrator-bench", "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28");
        for (Payload p : Payload.values()) {
            requests.put(p, new UpstreamRequest("GET", URI.create(baseUrl + p.path()), headers, null));
        }
    }

    @Override
    public String name() {
        return "our HTTP link alone (UpstreamClient)";
    }

    @Override
    public Object call(Payload payload) {
        return client.exchange(requests.get(payload), null, Duration.ofSeconds(10));
    }
}
