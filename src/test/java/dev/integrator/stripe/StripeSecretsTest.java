package dev.integrator.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stripe's secret shapes from routes/stripe/provider.yaml mask a payment intent's client secret in a drift sample; the
 * request names the contract's Stripe-Version.
 */
class StripeSecretsTest {

    private static final String CLIENT_SECRET = "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH";

    @TempDir
    Path dir;

    @Test
    void a_drifted_payment_intent_is_sampled_without_its_client_secret() throws Exception {
        WireMockServer stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        // The secret sits in a field no rule of ours calls secret by its name: only its shape can find it.
        stub.stubFor(get("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa").willReturn(okJson("""
                {"id": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "object": "payment_intent", "amount": "2000", "currency": "eur",
                 "status": "requires_payment_method", "customer": null, "payment_method": null, "next_action": null,
                 "last_payment_error": null, "created": 1680800504, "livemode": false,
                 "description": "checkout %s"}
                """.formatted(CLIENT_SECRET))));
        Path drift = dir.resolve("drift");
        try (Integrator integrator = Integrator.builder().home(Path.of("."))
                .env(Map.of("STRIPE_BASE_URL", stub.baseUrl(), "STRIPE_API_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
                        "INTEGRATOR_DRIFT_DIR", drift.toString())).start()) {
            Envelope env = integrator.call("stripe.payment_intents.get", Map.of("intent", "pi_3MtwBwLkdIwHu7ix28a3tqPa"));

            assertThat(env.error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
            assertThat(Json.MAPPER.writeValueAsString(env)).doesNotContain(CLIENT_SECRET);
            stub.verify(getRequestedFor(urlEqualTo("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                    .withHeader("Stripe-Version", equalTo("2025-09-30.clover")));
        } finally {
            stub.stop();
        }
        try (Stream<Path> files = Files.walk(drift)) {
            String samples = String.join("\n", files.filter(Files::isRegularFile).map(StripeSecretsTest::read).toList());
            assertThat(samples).as("a sample was written").contains("pi_3MtwBwLkdIwHu7ix28a3tqPa\"")
                    .doesNotContain("YrKJUKribcBjcG8HVhfZluoGH");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
