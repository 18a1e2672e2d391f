package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import dev.integrator.queue.ArtemisOnLoopback;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.ingress.WebhookIngress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard, the runbooks and the README name only metrics that a running integrator exposes: every name
 * they use is in a real scrape after calls that exercise each meter, the queue front door included.
 */
class DashboardTest extends GitHubStub {

    private static final Pattern METRIC = Pattern.compile("\\bintegrator_[a-z_]+_(?:total|bucket|seconds|state|flight)\\b|\\bintegrator_breaker_state\\b");

    @TempDir
    Path data;

    @Test
    void every_metric_the_ops_documents_query_is_exposed() throws Exception {
        Set<String> documented = documentedMetrics();
        assertThat(documented).as("metrics named in ops/ and README.md").hasSizeGreaterThan(8);

        Set<String> exposed = exercisedScrape().samples().stream().map(Scrape.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));
        // A histogram is named by its family too (integrator_call_duration_seconds), as its samples' common stem.
        exposed.addAll(exposed.stream().filter(n -> n.endsWith("_bucket")).map(n -> n.substring(0,
                n.length() - "_bucket".length())).toList());

        assertThat(exposed).containsAll(documented);
    }

    @Test
    void the_dashboard_is_valid_json_with_a_query_on_every_panel() throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Path.of("ops/grafana/integrator-dashboard.json").toFile());

        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText())
                        .isNotEmpty();
            }
        });
    }

    private static Set<String> documentedMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> runbooks = Files.list(Path.of("ops/runbooks"))) {
            for (Path file : Stream.concat(Stream.concat(runbooks,
                    Stream.of(Path.of("ops/grafana/integrator-dashboard.json"))),
                    Stream.of(Path.of("README.md"))).toList()) {
                Matcher m = METRIC.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** Calls that move every meter: ok, error, retry, breaker open, drift, a budget refusal, a queue message. */
    private Scrape exercisedScrape() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(registry)
                .start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        github.stubFor(get("/repos/apache/drift").willReturn(okJson(repoJson().replace("\"stargazers_count\": 5800",
                "\"stargazers_count\": \"x\""))));
        github.stubFor(get("/repos/apache/down").willReturn(status(503)));
        integrator.call("github.repos.get", repo("apache", "camel"));
        integrator.call("github.repos.get", repo("apache", "drift"));
        for (int i = 0; i < 4; i++) {
            integrator.call("github.repos.get", repo("apache", "down"));
        }
        try (ArtemisOnLoopback artemis = ArtemisOnLoopback.start(integrator, data, Map.of());
                Connection connection = artemis.client().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(QueueSettings.queueOf("github.repos.get")))
                    .send(session.createTextMessage("not json"));
            await().atMost(Duration.ofSeconds(15)).until(() -> Scrape.of(registry.scrape())
                    .find("integrator_queue_messages_total", "outcome", "dead_lettered").stream().anyMatch(s
                            -> s.value() > 0));
            // An unsigned webhook delivery: counted and timed by provider and outcome.
            try (WebhookIngress webhooks = WebhookIngress.prepare(integrator, Path.of("."),
                    Map.of("GITHUB_WEBHOOK_SECRET", "dashboard-secret", WebhookIngress.PORT_ENV, "0"))) {
                webhooks.start(artemis.door().broker(), data);
                HttpResponse<Void> refused = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(webhooks.url() + "github"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                assertThat(refused.statusCode()).isEqualTo(401);
            }
        }
        integrator.close();
        integrator = Integrator.builder().env(env()).meterRegistry(registry).override("github", json("""
                {"budget": {"requestsPerSecond": 1, "burst": 1, "maxWaitMs": 0}}
                """)).start();
        integrator.call("github.repos.get", repo("apache", "camel"));
        integrator.call("github.repos.get", repo("apache", "camel"));
        return Scrape.of(registry.scrape());
    }
}
