package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.TempHome;
import dev.integrator.fixture.EventFixture;
import dev.integrator.json.Json;
import dev.integrator.queue.ArtemisBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scheme over real HTTP against one running ingress (GitHub, Stripe, Slack, a Standard Webhooks provider):
 * good, wrong, missing, rotated, old, future, one byte changed, duplicate. Signatures are made here as the providers
 * document them, not by the verifier under test.
 */
// Each test starts (or posts to) a whole integrator run assembly: longer than the default timeout on a busy machine.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SchemesIngressTest {

    static final String STRIPE_OLD = "whsec_oldStripeSecret0000000000";
    static final String STRIPE_NEW = "whsec_newStripeSecret1111111111";
    static final String SLACK = "8f742231b10e8888abcd99yyyzzz85a5";
    static final byte[] ACME_KEY = "acme standard webhooks key 32by".getBytes(StandardCharsets.UTF_8);
    static final String ACME = "whsec_" + Base64.getEncoder().encodeToString(ACME_KEY);
    // Secrets are masked in every log of the JVM, first 8 characters on: one that reads like text would mask log text.
    static final String GITHUB_OLD = "old-7f3c9a1e5b2d4c6e";

    @TempDir
    static Path dir;

    static IngressUnderTest ingress;

    @BeforeAll
    // Starting the integrator, the broker and the port takes longer than the suite's default timeout on a busy machine.
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        TempHome home = TempHome.copyOf(dir.resolve("home"), "routes", "contracts");
        copy(Path.of("src/test/resources/homes/webhooks"), home.path());
        ingress = IngressUnderTest.start(home.path(), dir.resolve("data"), Map.of(
                "GITHUB_WEBHOOK_SECRET", GITHUB_OLD + "," + GitHubIngressTest.SECRET,
                "STRIPE_WEBHOOK_SECRET", STRIPE_OLD + "," + STRIPE_NEW,
                "SLACK_SIGNING_SECRET", SLACK,
                "ACME_WEBHOOK_SECRET", ACME), Map.of());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = java.nio.file.Files.walk(from)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @AfterAll
    static void stop() {
        ingress.close();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static byte[] stripeBody(String eventId) throws Exception {
        EventFixture f = GitHubIngressTest.fixture("stripe.events.payment_intent.succeeded.v1", "good", "card-payment");
        return Json.MAPPER.writeValueAsBytes(((com.fasterxml.jackson.databind.node.ObjectNode) f.payload().deepCopy())
                .put("id", eventId));
    }

    private static List<JsonNode> events(String queue) throws Exception {
        return ArtemisEvents.drain(((ArtemisBroker) ingress.broker()).connectionFactory(), queue);
    }

    private static int post(String provider, Map<String, String> headers, byte[] body) throws Exception {
        return ingress.post(provider, headers, body).statusCode();
    }

    @Test
    void github_accepts_the_old_and_the_new_secret_while_it_is_rotated() throws Exception {
        byte[] body = GitHubIngressTest.body(GitHubIngressTest.fixture("github.events.issues.v1", "good", "edited"));

        assertThat(post("github", Signing.github(GITHUB_OLD, "issues", UUID.randomUUID().toString(), body), body))
                .isEqualTo(202);
        assertThat(post("github", Signing.github(GitHubIngressTest.SECRET, "issues", UUID.randomUUID().toString(),
                body), body)).isEqualTo(202);
        assertThat(events("integrator.events.github.issues")).hasSize(2);
    }

    @Test
    void stripe_good_rotated_wrong_missing_old_future_changed_and_duplicate() throws Exception {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = stripeBody(id);
        byte[] changed = body.clone();
        changed[changed.length - 3] ^= 1;

        assertThat(post("stripe", Signing.stripe(STRIPE_NEW, now(), body), body)).as("good").isEqualTo(202);
        assertThat(post("stripe", Signing.stripe(STRIPE_NEW, now(), body), body)).as("duplicate").isEqualTo(200);
        byte[] other = stripeBody(id + "x");
        assertThat(post("stripe", Signing.stripe(STRIPE_OLD, now(), other), other)).as("rotated: the old secret")
                .isEqualTo(202);
        byte[] third = stripeBody(id + "y");
        assertThat(post("stripe", Signing.stripe("whsec_wrong", now(), third), third)).as("wrong").isEqualTo(401);
        assertThat(post("stripe", Map.of(), third)).as("missing").isEqualTo(401);
        assertThat(post("stripe", Signing.stripe(STRIPE_NEW, now() - 301, third), third)).as("old").isEqualTo(401);
        assertThat(post("stripe", Signing.stripe(STRIPE_NEW, now() + 301, third), third)).as("future").isEqualTo(401);
        assertThat(post("stripe", Signing.stripe(STRIPE_NEW, now(), third), changed)).as("one byte changed")
                .isEqualTo(401);

        List<JsonNode> queued = events("integrator.events.stripe.payment_intent.succeeded");
        assertThat(queued).extracting(m -> m.path("meta").path("deliveryId").asText()).containsExactlyInAnyOrder(id, id
                + "x");
        assertThat(queued.get(0).path("data").path("paymentIntent").path("amount").asLong()).isEqualTo(2000);
        assertThat(ingress.count("stripe", "stale")).isEqualTo(2);
    }

    private static byte[] slackBody(String eventId) throws Exception {
        EventFixture f = GitHubIngressTest.fixture("slack.events.message.v1", "good", "channel-message");
        return Json.MAPPER.writeValueAsBytes(((com.fasterxml.jackson.databind.node.ObjectNode) f.payload().deepCopy())
                .put("event_id", eventId));
    }

    @Test
    void slack_good_wrong_missing_old_future_changed_and_a_retry_with_the_same_event_id() throws Exception {
        String id = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        byte[] body = slackBody(id);
        byte[] changed = body.clone();
        changed[10] ^= 1;

        assertThat(post("slack", Signing.slack(SLACK, now(), body), body)).as("good").isEqualTo(202);
        Map<String, String> retry = new HashMap<>(Signing.slack(SLACK, now(), body));
        retry.put("X-Slack-Retry-Num", "1");
        retry.put("X-Slack-Retry-Reason", "http_timeout");
        assertThat(post("slack", retry, body)).as("Slack's retry").isEqualTo(200);
        assertThat(post("slack", Signing.slack("another", now(), body), body)).as("wrong").isEqualTo(401);
        assertThat(post("slack", Map.of(), body)).as("missing").isEqualTo(401);
        assertThat(post("slack", Signing.slack(SLACK, now() - 301, body), body)).as("old").isEqualTo(401);
        assertThat(post("slack", Signing.slack(SLACK, now() + 301, body), body)).as("future").isEqualTo(401);
        assertThat(post("slack", Signing.slack(SLACK, now(), body), changed)).as("one byte changed").isEqualTo(401);

        List<JsonNode> queued = events("integrator.events.slack.message");
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).path("data").path("text").asText()).isEqualTo("Live long and prospect.");
    }

    @Test
    void slack_url_verification_is_answered_with_its_challenge_and_not_queued() throws Exception {
        byte[] body = ("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\","
                + "\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = ingress.post("slack", Signing.slack(SLACK, now(), body), body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answer.body()).path("challenge").asText())
                .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    private static Map<String, String> standard(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(Signing.concat(id + "." + timestamp + ".",
                body)));
        return Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", "v1,"
                + signature);
    }

    @Test
    void standard_webhooks_good_wrong_missing_old_future_changed_and_duplicate() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        byte[] body = ("{\"type\":\"invoice.paid\",\"timestamp\":\"2026-11-30T10:00:00Z\","
                + "\"data\":{\"id\":\"in_1\",\"amount\":4200}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] changed = body.clone();
        changed[changed.length - 4] = '1';

        assertThat(post("acme", standard(ACME_KEY, id, now(), body), body)).as("good").isEqualTo(202);
        assertThat(post("acme", standard(ACME_KEY, id, now(), body), body)).as("duplicate").isEqualTo(200);
        String other = "msg_" + UUID.randomUUID();
        assertThat(post("acme", standard("some other key".getBytes(StandardCharsets.UTF_8), other, now(), body), body))
                .as("wrong")
                .isEqualTo(401);
        assertThat(post("acme", Map.of("webhook-id", other), body)).as("missing").isEqualTo(401);
        assertThat(post("acme", standard(ACME_KEY, other, now() - 301, body), body)).as("old").isEqualTo(401);
        assertThat(post("acme", standard(ACME_KEY, other, now() + 301, body), body)).as("future").isEqualTo(401);
        assertThat(post("acme", standard(ACME_KEY, other, now(), body), changed)).as("one byte changed").isEqualTo(401);

        List<JsonNode> queued = events("integrator.events.acme.invoice.paid");
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).path("data"))
                .isEqualTo(Json.MAPPER.readTree("{\"invoice\":\"in_1\",\"amount\":4200}"));
    }
}
