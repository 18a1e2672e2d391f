package dev.integrator.webhook.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.queue.Broker;
import dev.integrator.queue.QueueFrontDoor;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code integrator run}'s assembly in this JVM: the integrator over the project's definitions, the queue front door
 * with the event queues declared, and the webhook ingress on a free loopback port; deliveries go over real HTTP.
 */
final class IngressUnderTest implements AutoCloseable {

    final Integrator integrator;
    final QueueFrontDoor door;
    final WebhookIngress ingress;
    final SimpleMeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngressUnderTest(Integrator integrator, QueueFrontDoor door, WebhookIngress ingress,
            SimpleMeterRegistry meters) {
        this.integrator = integrator;
        this.door = door;
        this.ingress = ingress;
        this.meters = meters;
    }

    /** {@code env}: the secrets and any other setting; {@code overrides}: provider settings merged over provider.yaml.
     * */
    static IngressUnderTest start(Path data, Map<String, String> env, Map<String,
            JsonNode> overrides) throws IOException {
        return start(Path.of("."), data, env, overrides);
    }

    /** With {@code home}'s routes and contracts instead of the project's. */
    static IngressUnderTest start(Path home, Path data, Map<String, String> env, Map<String,
            JsonNode> overrides) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("INTEGRATOR_DATA_DIR", data.toString());
        all.putIfAbsent("INTEGRATOR_DRIFT_DIR", data.resolve("drift").toString());
        all.putIfAbsent("INTEGRATOR_ARTEMIS_PORT", String.valueOf(freePort()));
        all.putIfAbsent(WebhookIngress.PORT_ENV, "0");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Integrator.Builder builder = Integrator.builder().home(home).env(all).meterRegistry(meters);
        overrides.forEach(builder::override);
        Integrator integrator = builder.start();
        WebhookIngress ingress = null;
        QueueFrontDoor door = null;
        try {
            ingress = WebhookIngress.prepare(integrator, home, all);
            QueueSettings settings = QueueSettings.fromEnv(home, all);
            door = QueueFrontDoor.start(integrator, settings, QueueFrontDoor.broker(settings), ingress.queues());
            ingress.start(door.broker(), settings.dataDir());
            return new IngressUnderTest(integrator, door, ingress, meters);
        } catch (RuntimeException e) {
            if (ingress != null) {
                ingress.close();
            }
            if (door != null) {
                door.close();
            }
            integrator.close();
            throw e;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Broker broker() {
        return door.broker();
    }

    URI url(String provider) {
        return URI.create(ingress.url() + provider);
    }

    HttpResponse<String> post(String provider, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(provider)).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many deliveries of the provider ended with this outcome. */
    double count(String provider, String outcome) {
        Counter c = meters.find(IngressMetrics.DELIVERIES).tag("provider", provider).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Override
    public void close() {
        ingress.close();
        door.close();
        integrator.close();
    }
}
