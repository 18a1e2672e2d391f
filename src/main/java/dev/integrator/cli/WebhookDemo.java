package dev.integrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.fixture.EventFixture;
import dev.integrator.fixture.EventFixtures;
import dev.integrator.json.Json;
import dev.integrator.queue.ArtemisBroker;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.ingress.WebhookIngress;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The webhook part of {@code integrator demo}: the ingress on a free loopback port over an embedded Artemis in a
 * temporary folder; one GitHub {@code issues} delivery signed with the secret is accepted and read back from its
 * queue, one signed with another secret (forged) is refused.
 */
final class WebhookDemo {

    /** What one webhook step showed: the HTTP status it got against the one it should. */
    record Result(String title, int expected, int status) {
        boolean asExpected() {
            return expected == status;
        }
    }

    private static final String SECRET = "demo-webhook-secret";
    private static final String STRIPE_SECRET = "whsec_demoStripeSigningSecret0000";
    private static final String SLACK_SECRET = "demo-slack-signing-secret";

    private WebhookDemo() {
    }

    static List<Result> run(Path home, Integrator integrator, PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("integrator-demo-");
        // Every provider with a webhooks block gets an ingress route; the tour posts to GitHub's only, and the others'
        // secrets are set so that none of them starts as "every delivery refused".
        Map<String, String> env = Map.of("GITHUB_WEBHOOK_SECRET", SECRET, "STRIPE_WEBHOOK_SECRET", STRIPE_SECRET,
                "SLACK_SIGNING_SECRET", SLACK_SECRET, WebhookIngress.PORT_ENV, "0",
                "INTEGRATOR_DATA_DIR", data.toString(), "INTEGRATOR_DRIFT_DIR", data.resolve("drift").toString());
        QueueSettings settings = QueueSettings.fromEnv(home, env);
        WebhookIngress ingress = WebhookIngress.prepare(integrator, home, env);
        ArtemisBroker broker = new ArtemisBroker(settings, false);
        List<Result> results = new ArrayList<>();
        try {
            broker.start(ingress.queues(), queue -> { });
            broker.install(integrator.camel());
            ingress.start(broker, data);
            EventFixture opened = EventFixtures.read(home.resolve("fixtures/github.events.issues.v1/good/opened.json"));
            byte[] body = Json.MAPPER.writeValueAsBytes(opened.payload());
            URI url = URI.create(ingress.url() + "github");
            out.println("== webhooks: POST " + url + " (GitHub, X-Hub-Signature-256 with GITHUB_WEBHOOK_SECRET)");
            results.add(post(out, "a signed GitHub issues event, stored, then answered", 202, url, body, SECRET));
            JsonNode event = readBack(broker);
            out.println("   read back from integrator.events.github.issues: meta " + event.path("meta") + "\n   data "
                    + event.path("data"));
            results.add(post(out, "a forged event (another secret): refused, not stored", 401, url, body,
                    "forged-secret"));
            out.println();
        } finally {
            ingress.close();
            broker.close();
            delete(data);
        }
        return results;
    }

    private static Result post(PrintStream out, String title, int expected, URI url, byte[] body,
            String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.sign("github", secret, "issues", body, null, Instant.now()).forEach(request::header);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        out.println("   " + title + ": " + answer.statusCode() + (answer.body().isEmpty() ? " (empty body)" : " "
                + answer.body()));
        return new Result(title, expected, answer.statusCode());
    }

    private static JsonNode readBack(ArtemisBroker broker) throws Exception {
        try (Connection c = broker.connectionFactory().createConnection(); Session s = c.createSession(false,
                Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("integrator.events.github.issues"))) {
            c.start();
            BytesMessage m = (BytesMessage) consumer.receive(5000);
            if (m == null) {
                return Json.MAPPER.createObjectNode();
            }
            byte[] bytes = new byte[(int) m.getBodyLength()];
            m.readBytes(bytes);
            return Json.MAPPER.readTree(bytes);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
