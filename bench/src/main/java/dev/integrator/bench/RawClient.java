package dev.integrator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** (a) The limit: the JDK HttpClient alone, one blocking GET per call, the body as bytes, no parsing. */
public final class RawClient implements Scenario {

    private final HttpClient http;
    private final String name;
    private final Map<Payload, URI> uris = new EnumMap<>(Payload.class);

    public RawClient(String baseUrl) {
        this(baseUrl, "(a) JDK HttpClient", HttpClient.newBuilder());
    }

    /**
     * The same with the client's dependent tasks run on the thread that completes them instead of the default
     * executor's pool: a reference for what the JDK HttpClient costs without its thread hand-offs.
     */
    static RawClient sameThreadExecutor(String baseUrl) {
        return new RawClient(baseUrl, "(a') JDK HttpClient, same-thread executor", HttpClient.newBuilder().executor(Runnable::run));
    }

    private RawClient(String baseUrl, String name, HttpClient.Builder builder) {
        this.name = name;
        this.http = builder.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
        for (Payload p : Payload.values()) {
            uris.put(p, URI.create(baseUrl + p.path()));
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The GET every JDK-client scenario sends: the headers the chain's GitHub settings declare. */
    static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/vnd.github+json")
                .header("User-Agent", "integrator-bench")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .GET()
                .build();
    }

    @Override
    public Object call(Payload payload) throws Throwable {
        HttpResponse<byte[]> response = http.send(get(uris.get(payload)), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return response.body();
    }
}
