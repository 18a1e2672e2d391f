package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.fixture.EventFixture;
import dev.integrator.fixture.EventFixtures;
import dev.integrator.json.Json;
import dev.integrator.observe.LogCapture;
import dev.integrator.queue.ArtemisBroker;
import dev.integrator.queue.Broker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub deliveries over real HTTP against the ingress of {@code integrator run} assembled in this JVM, on the
 * embedded Artemis: what is answered 2xx is on the queue as the DTO, what is refused is nowhere.
 */
class GitHubIngressTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final String QUEUE = "integrator.events.github.issues";

    @TempDir
    Path data;

    IngressUnderTest ingress;

    @BeforeEach
    // Starting the integrator, the broker and the port takes longer than the suite's default timeout on a busy machine.
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void start() throws Exception {
        ingress = IngressUnderTest.start(data, Map.of("GITHUB_WEBHOOK_SECRET", SECRET), Map.of());
    }

    @AfterEach
    void stop() {
        ingress.close();
    }

    static EventFixture fixture(String contract, String kind, String name) throws Exception {
        return EventFixtures.read(Path.of("fixtures", contract, kind, name + ".json"));
    }

    static byte[] body(EventFixture f) throws Exception {
        return Json.MAPPER.writeValueAsBytes(f.payload());
    }

    private List<JsonNode> events(String queue) throws Exception {
        return ArtemisEvents.drain(((ArtemisBroker) ingress.broker()).connectionFactory(), queue);
    }

    @Test
    void a_signed_issues_event_is_answered_202_after_it_is_on_its_queue_as_the_dto() throws Exception {
        EventFixture opened = fixture("github.events.issues.v1", "good", "opened");
        byte[] body = body(opened);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> answer = ingress.post("github", Signing.github(SECRET, "issues", delivery, body), body);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        List<JsonNode> queued = events(QUEUE);
        assertThat(queued).hasSize(1);
        JsonNode meta = queued.get(0).path("meta");
        assertThat(meta.path("provider").asText()).isEqualTo("github");
        assertThat(meta.path("event").asText()).isEqualTo("issues");
        assertThat(meta.path("deliveryId").asText()).contains(delivery);
        assertThat(meta.path("correlationId").asText()).isEqualTo(meta.path("deliveryId").asText());
        assertThat(meta.path("contract").asText()).isEqualTo("github.events.issues.v1");
        assertThat(meta.path("receivedAt").asText()).isNotBlank();
        assertThat(queued.get(0).path("data")).isEqualTo(opened.dto());
        assertThat(ingress.count("github", "accepted")).isEqualTo(1);
    }

    @Test
    void a_wrong_missing_or_one_byte_changed_signature_is_401_with_an_empty_body_and_nothing_queued() throws Exception {
        byte[] body = body(fixture("github.events.issues.v1", "good", "opened"));
        Map<String, String> wrong = new java.util.HashMap<>(Signing.github("another secret", "issues", UUID.randomUUID()
                .toString(), body));
        Map<String, String> missing = new java.util.HashMap<>(Signing.github(SECRET, "issues", UUID.randomUUID()
                .toString(), body));
        missing.remove("X-Hub-Signature-256");
        Map<String, String> signed = Signing.github(SECRET, "issues", UUID.randomUUID().toString(), body);
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 1;

        for (var attempt : List.of(Map.entry(wrong, body), Map.entry(missing, body), Map.entry(signed, changed))) {
            HttpResponse<String> answer = ingress.post("github", attempt.getKey(), attempt.getValue());
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).isEmpty();
        }
        assertThat(events(QUEUE)).isEmpty();
        assertThat(ingress.count("github", "bad_signature")).isEqualTo(3);
    }

    @Test
    void one_json_log_event_per_delivery_with_its_id_as_correlation_id_and_no_signature_or_body() throws Exception {
        byte[] body = body(fixture("github.events.issues.v1", "good", "opened"));
        String delivery = UUID.randomUUID().toString();
        Map<String, String> headers = Signing.github(SECRET, "issues", delivery, body);
        Map<String, String> forged = Signing.github("forged", "issues", UUID.randomUUID().toString(), body);
        List<String> lines;
        try (LogCapture logs = LogCapture.json(Level.INFO, "integrator.webhook")) {
            ingress.post("github", headers, body);
            ingress.post("github", forged, body);
            lines = logs.lines();
        }

        assertThat(lines).hasSize(2);
        JsonNode accepted = Json.MAPPER.readTree(lines.get(0));
        assertThat(accepted.path("correlationId").asText()).isEqualTo("4242:" + delivery);
        assertThat(accepted.path("outcome").asText()).isEqualTo("accepted");
        assertThat(Json.MAPPER.readTree(lines.get(1)).path("outcome").asText()).isEqualTo("bad_signature");
        assertThat(String.join("\n", lines)).doesNotContain(headers.get("X-Hub-Signature-256").substring(7))
                .doesNotContain(forged.get("X-Hub-Signature-256").substring(7)).doesNotContain(SECRET)
                .doesNotContain("Spelling error in the README file");
    }

    @Test
    void the_same_delivery_sent_again_is_200_and_queued_once() throws Exception {
        byte[] body = body(fixture("github.events.issues.v1", "good", "labeled"));
        Map<String, String> headers = Signing.github(SECRET, "issues", UUID.randomUUID().toString(), body);

        assertThat(ingress.post("github", headers, body).statusCode()).isEqualTo(202);
        HttpResponse<String> again = ingress.post("github", headers, body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(IngressUnderTest.json(again.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(events(QUEUE)).hasSize(1);
        assertThat(ingress.count("github", "duplicate")).isEqualTo(1);
    }

    @Test
    void a_payload_breaking_its_contract_is_dead_lettered_with_the_reason_sampled_and_answered_202() throws Exception {
        byte[] body = body(fixture("github.events.issues.v1", "bad", "issue-number-string"));
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> answer = ingress.post("github", Signing.github(SECRET, "issues", delivery, body), body);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(IngressUnderTest.json(answer.body()).path("status").asText()).isEqualTo("drift");
        assertThat(events(QUEUE)).isEmpty();
        List<Broker.DeadLetter> dead = ingress.broker().deadLetters().list();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).contains("github.events.issues.v1").contains("/issue/number");
        assertThat(dead.get(0).bytes()).isEqualTo(body.length);
        assertThat(ingress.count("github", "drift")).isEqualTo(1);
        Path samples = data.resolve("drift").resolve("github.events.issues.v1");
        assertThat(Files.list(samples)).hasSize(1);
        try (var files = Files.list(samples)) {
            String sample = Files.readString(files.findFirst().orElseThrow(), StandardCharsets.UTF_8);
            assertThat(sample).doesNotContain(SECRET).doesNotContain(Signing.github(SECRET, "issues", delivery, body)
                    .get("X-Hub-Signature-256"));
        }
    }

    @Test
    void an_event_type_outside_the_subscribed_list_is_202_counted_as_ignored_and_not_queued() throws Exception {
        byte[] body = "{\"action\":\"created\",\"starred_at\":null}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = ingress.post("github", Signing.github(SECRET, "star", UUID.randomUUID()
                .toString(), body), body);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(IngressUnderTest.json(answer.body()).path("status").asText()).isEqualTo("ignored");
        assertThat(ingress.broker().deadLetters().list()).isEmpty();
        assertThat(ingress.count("github", "ignored")).isEqualTo(1);
    }

    @Test
    void a_ping_is_200_and_not_queued() throws Exception {
        byte[] body = body(fixture("github.events.ping.v1", "good", "ping"));

        HttpResponse<String> answer = ingress.post("github", Signing.github(SECRET, "ping", UUID.randomUUID()
                .toString(), body), body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ingress.count("github", "ping")).isEqualTo(1);
        assertThat(events(QUEUE)).isEmpty();
    }

    @Test
    void a_signed_body_that_is_not_json_is_400() throws Exception {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = ingress.post("github", Signing.github(SECRET, "issues", UUID.randomUUID()
                .toString(), body), body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ingress.count("github", "malformed")).isEqualTo(1);
    }

    @Test
    void a_broker_that_is_down_is_503_with_retry_after_and_the_claim_is_released_for_the_retry() throws Exception {
        byte[] body = body(fixture("github.events.issues.v1", "good", "opened"));
        Map<String, String> headers = Signing.github(SECRET, "issues", UUID.randomUUID().toString(), body);
        ingress.broker().close();

        HttpResponse<String> answer = ingress.post("github", headers, body);
        HttpResponse<String> retry = ingress.post("github", headers, body);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue(DeliveryHandler.RETRY_AFTER_SECONDS);
        // Neither a duplicate nor in flight: the failed publish gave its claim back.
        assertThat(retry.statusCode()).isEqualTo(503);
        assertThat(IngressUnderTest.json(retry.body()).path("status").asText()).isEqualTo("unavailable");
        assertThat(ingress.count("github", "unavailable")).isEqualTo(2);
    }
}
