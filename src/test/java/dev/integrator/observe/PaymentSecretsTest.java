package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.json.Json;
import dev.integrator.redact.Redactor;
import dev.integrator.runtime.Integrator;
import dev.integrator.scenarios.AcmeUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets of a payments provider's data never reach a log, an envelope or a drift sample: a payment intent's
 * client secret (its field by name, its value anywhere by the provider's secret shape) and webhook signing secrets.
 */
class PaymentSecretsTest {

    private static final String SECRET_PART = "YrKJUKribcBjcG8HVhfZluoGH";
    private static final String CLIENT_SECRET = "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_" + SECRET_PART;

    @TempDir
    Path dir;

    @Test
    void webhook_signing_secrets_are_masked_whatever_the_provider() {
        Redactor plain = new Redactor(List.of(), List.of());

        assertThat(plain.text("stripe whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, standard whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"))
                .isEqualTo("stripe ***, standard ***");
    }

    @Test
    void a_payment_intents_client_secret_reaches_no_drift_sample_envelope_or_log() throws Exception {
        WireMockServer acme = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        acme.start();
        Path drift = dir.resolve("drift");
        // A status the contract does not know: drift, sampled with the whole body.
        acme.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "object": "payment_intent", "amount": 2000, "currency": "eur",
                         "status": "requires_action", "customer": "cus_A1", "created": 1795693200,
                         "client_secret": "%s",
                         "next_action": {"type": "use_stripe_sdk", "use_stripe_sdk": {"source": "%s"}},
                         "description": "confirm with %s"}
                        """.formatted(CLIENT_SECRET, CLIENT_SECRET, CLIENT_SECRET))));
        Envelope env;
        String logs;
        try (Integrator integrator = Integrator.builder().home(AcmeUnderTest.copyHome(dir))
                .env(Map.of("ACME_BASE_URL", acme.baseUrl(), "INTEGRATOR_DRIFT_DIR", drift.toString())).start();
                LogCapture capture = LogCapture.json(Level.DEBUG, "integrator", "dev.integrator")) {
            env = integrator.call("acme.payment_intents.create", Map.of("amount", 2000, "currency", "eur"));
            logs = capture.output();
        } finally {
            acme.stop();
        }

        assertThat(env.error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
        assertThat(logs).as("the call was logged").contains("acme.payment_intents.create");
        String sample;
        try (Stream<Path> files = Files.walk(drift)) {
            List<Path> samples = files.filter(Files::isRegularFile).toList();
            assertThat(samples).as("one drift sample").hasSize(1);
            sample = Files.readString(samples.get(0));
        }
        assertThat(Json.MAPPER.readTree(sample).path("response").path("body").path("client_secret").asText()).isEqualTo("***");
        assertThat(sample).as("the intent's id stays readable").contains("pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_***");
        assertThat(List.of(sample, Json.MAPPER.writeValueAsString(env), logs))
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET_PART));
    }
}
