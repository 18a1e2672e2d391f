package dev.integrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.integrator.github.Issue;
import dev.integrator.github.IssuePage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * (b) What a user would write by hand: the JDK HttpClient behind a Resilience4j retry, circuit breaker and rate
 * limiter, Jackson to parse, networknt to validate against the same contract schema (compiled once and cached),
 * and a hand-written mapping into the same DTO records. The rate limiter is set far above the load, as the
 * chain's budget is in (d).
 */
public final class HandWritten implements Scenario {

    private final ObjectMapper mapper = new ObjectMapper();
    private final String name;
    private final Transport transport;
    private final JsonSchema schema;
    private final Map<Payload, URI> uris = new EnumMap<>(Payload.class);
    private final RateLimiter limiter = RateLimiter.of("github", RateLimiterConfig.custom()
            .limitForPeriod(1_000_000)
            .limitRefreshPeriod(Duration.ofSeconds(1))
            .timeoutDuration(Duration.ofSeconds(20))
            .build());
    private final CircuitBreaker breaker = CircuitBreaker.of("github", CircuitBreakerConfig.custom()
            .slidingWindowSize(10)
            .minimumNumberOfCalls(5)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .recordException(e -> e instanceof IOException || e instanceof ServerError)
            .build());
    private final Retry retry = Retry.of("github", RetryConfig.custom()
            .maxAttempts(3)
            .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(250), 2.0, 0.5, Duration.ofSeconds(4)))
            .retryOnException(e -> e instanceof IOException || e instanceof ServerError)
            .build());

    /** @param responseSchema the JSON Schema of a good response, as the contract states it */
    public HandWritten(String baseUrl, JsonNode responseSchema) {
        this(baseUrl, responseSchema, "(b) hand-written", jdk());
    }

    /**
     * (b') The same code on the HTTP client (d) uses, Apache HttpClient 5 classic with a pooled connection manager (see
     * UpstreamClient), so that (d) is never compared with a user who picked a slower client.
     */
    static HandWritten onChainClient(String baseUrl, JsonNode responseSchema) {
        ApacheClient client = new ApacheClient(baseUrl);
        return new HandWritten(baseUrl, responseSchema, "(b') hand-written, (d)'s HTTP client", uri -> client.get(uri.toString()));
    }

    private HandWritten(String baseUrl, JsonNode responseSchema, String name, Transport transport) {
        this.name = name;
        this.transport = transport;
        this.schema = compile(responseSchema);
        for (Payload p : Payload.values()) {
            uris.put(p, URI.create(baseUrl + p.path()));
        }
    }

    public static JsonSchema compile(JsonNode responseSchema) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(responseSchema, config);
        compiled.initializeValidators();
        return compiled;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(Payload payload) throws Throwable {
        URI uri = uris.get(payload);
        CheckedSupplier<byte[]> attempt = RateLimiter.decorateCheckedSupplier(limiter, () -> transport.get(uri));
        CheckedSupplier<byte[]> guarded = CircuitBreaker.decorateCheckedSupplier(breaker, attempt);
        byte[] body = Retry.decorateCheckedSupplier(retry, guarded).get();
        return parse(mapper, schema, body);
    }

    /** One GET: the body of a 200; a 5xx is a {@link ServerError}. */
    interface Transport {
        byte[] get(URI uri) throws IOException, InterruptedException;
    }

    /** The JDK HttpClient as a user builds it: default executor, HTTP/1.1, a connect timeout. */
    private static Transport jdk() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
        return uri -> {
            HttpResponse<byte[]> response = http.send(RawClient.get(uri), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500) {
                throw new ServerError(response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
            return response.body();
        };
    }

    /** Parse once, validate the tree, map the same tree: the in-process part, also run by JMH. */
    public static IssuePage parse(ObjectMapper mapper, JsonSchema schema, byte[] body) throws IOException {
        JsonNode tree = mapper.readTree(body);
        Set<ValidationMessage> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("response breaks the schema: " + errors);
        }
        return issuePage(tree);
    }

    public static IssuePage issuePage(JsonNode array) {
        List<Issue> items = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            items.add(issue(n));
        }
        return new IssuePage(List.copyOf(items), null);
    }

    static Issue issue(JsonNode n) {
        List<String> labels = new ArrayList<>();
        for (JsonNode label : n.path("labels")) {
            labels.add(label.isTextual() ? label.asText() : label.path("name").asText());
        }
        List<String> assignees = new ArrayList<>();
        for (JsonNode assignee : n.path("assignees")) {
            assignees.add(assignee.path("login").asText());
        }
        JsonNode pr = n.get("pull_request");
        return new Issue(n.path("number").asLong(), n.path("title").asText(), n.path("state").asText(), text(n.get("state_reason")),
                text(n.get("body")), text(n.path("user").get("login")), List.copyOf(labels), List.copyOf(assignees),
                n.path("comments").asInt(), pr != null && !pr.isNull(), n.path("html_url").asText(), instant(n.get("created_at")),
                instant(n.get("updated_at")), instant(n.get("closed_at")), text(n.path("closed_by").get("login")));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }

    /** A 5xx: an outage the retry and the breaker count. */
    static final class ServerError extends IOException {
        ServerError(int status) {
            super("status " + status);
        }
    }
}
