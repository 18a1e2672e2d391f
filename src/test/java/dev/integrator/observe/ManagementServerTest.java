package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import dev.integrator.queue.ArtemisBroker;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.ingress.WebhookIngress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management port: liveness, readiness with breaker states and the broker connection, and the Prometheus scrape.
 * */
class ManagementServerTest extends GitHubStub {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private ArtemisBroker broker;
    private ManagementServer management;

    @TempDir
    Path data;

    @BeforeEach
    void startManagement() {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(registry)
                .start();
        broker = new ArtemisBroker(QueueSettings.fromEnv(data, Map.of("INTEGRATOR_DATA_DIR", data.toString())), false);
        broker.start(List.of(QueueSettings.queueOf("github.repos.get")), queue -> { });
        management = ManagementServer.start("127.0.0.1", 0, registry, new Health(integrator.camel(),
                integrator.operations()::breakerStates, broker));
    }

    @AfterEach
    void stopManagement() {
        management.close();
        broker.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    @Test
    void liveness_is_up_while_the_process_answers() throws Exception {
        HttpResponse<String> live = get("/observe/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(live.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void readiness_reports_camel_the_broker_and_every_breaker() throws Exception {
        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Json.MAPPER.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/camel/status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/broker/status").asText()).isEqualTo("UP");
        assertThat(body.at("/checks/providers/github/breaker").asText()).isEqualTo("CLOSED");
        assertThat(body.at("/checks/providers/github/breakers/github.search").asText()).as("one breaker per group")
                .isEqualTo("CLOSED");
        assertThat(get("/observe/health").body()).isEqualTo(ready.body());
    }

    @Test
    void readiness_is_down_when_the_broker_is_gone() throws Exception {
        broker.close();

        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = Json.MAPPER.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/broker/status").asText()).isEqualTo("DOWN");
        assertThat(get("/observe/health/live").statusCode()).as("liveness does not depend on the broker")
                .isEqualTo(200);
    }

    @Test
    void an_open_breaker_is_reported_but_keeps_the_instance_ready() throws Exception {
        integrator.provider("github").breaker().transitionToOpenState();

        HttpResponse<String> ready = get("/observe/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ready.body()).at("/checks/providers/github/breaker").asText())
                .isEqualTo("OPEN");
    }

    @Test
    void readiness_shows_the_webhook_port_and_a_silent_delivery_log_without_going_down() throws Exception {
        int deadRedis;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadRedis = s.getLocalPort();
        }
        broker.install(integrator.camel());
        // A secret of a credential's length: every configured secret is masked in all logs from then on.
        Map<String, String> env = Map.of("GITHUB_WEBHOOK_SECRET", "management-test-Secret-1", WebhookIngress.PORT_ENV, "0",
                "INTEGRATOR_REDIS_URL", "redis://127.0.0.1:" + deadRedis);
        try (WebhookIngress webhooks = WebhookIngress.prepare(integrator, Path.of("."), env)) {
            webhooks.start(broker, data);
            management.close();
            management = ManagementServer.start("127.0.0.1", 0, registry, new Health(integrator.camel(),
                    integrator.operations()::breakerStates, broker).show("webhooks", webhooks)
                            .show("webhookDeliveryLog", webhooks.deliveryLog()));

            HttpResponse<String> ready = get("/observe/health/ready");

            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(ready.body());
            assertThat(body.at("/checks/webhooks/status").asText()).isEqualTo("UP");
            assertThat(body.at("/checks/webhooks/where").asText()).contains("/webhooks/").contains("github");
            assertThat(body.at("/checks/webhookDeliveryLog/status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/checks/webhookDeliveryLog/where").asText()).contains("Redis")
                    .doesNotContain(String.valueOf(deadRedis));
        }
    }

    @Test
    void metrics_are_scraped_in_prometheus_text_format() throws Exception {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/repos/apache/camel")
                .willReturn(okJson(repoJson())));
        integrator.call("github.repos.get", repo("apache", "camel"));

        HttpResponse<String> metrics = get("/observe/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(Scrape.of(metrics.body()).value("integrator_calls_total", "operation", "github.repos.get", "outcome",
                "ok"))
                .isEqualTo(1);
    }

    @Test
    void other_paths_and_methods_are_refused() throws Exception {
        assertThat(get("/observe/metrics/extra").statusCode()).isEqualTo(404);
        assertThat(get("/observe/health/ready/x").statusCode()).isEqualTo(404);
        assertThat(get("/actuator").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/observe/health").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/observe/metrics").statusCode()).isEqualTo(405);
        assertThat(send("HEAD", "/observe/health/live").statusCode()).isEqualTo(200);
    }
}
