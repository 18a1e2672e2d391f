package dev.integrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.sandbox.StripeSandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrator call stripe...} against the Stripe stand-in, as a user runs it with STRIPE_BASE_URL set. */
class StripeCallTest {

    private static final String KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

    @TempDir
    Path dir;
    private final StripeSandbox stripe = StripeSandbox.start();
    private final CommandLine cli = new CommandLine();

    @AfterEach
    void stop() {
        stripe.close();
    }

    private Map<String, String> env() {
        return Map.of("STRIPE_BASE_URL", stripe.baseUrl(), "STRIPE_API_KEY", KEY,
                "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
    }

    @Test
    void a_customer_created_from_the_command_line_prints_the_customer_dto() throws Exception {
        assertThat(cli.run(env(), "call", "stripe.customers.create", "email=a@b.c")).as(cli.stderr()).isZero();

        JsonNode envelope = Json.MAPPER.readTree(cli.stdout());
        assertThat(envelope.path("ok").asBoolean()).isTrue();
        assertThat(envelope.path("data").path("id").asText()).startsWith("cus_");
        assertThat(envelope.path("data").path("email").asText()).isEqualTo("a@b.c");
        assertThat(envelope.path("data").path("livemode").asBoolean(true)).isFalse();
        assertThat(envelope.path("meta").path("contract").asText()).isEqualTo("stripe.customers.v1");
        assertThat(envelope.path("meta").path("providerRequestId").asText()).as("Stripe's Request-Id").startsWith("req_");
        assertThat(stripe.objectsCreated()).isEqualTo(1);
        assertThat(cli.stdout() + cli.stderr()).doesNotContain(KEY);
    }

    @Test
    void a_declined_card_prints_an_unprocessable_envelope_and_exits_1() throws Exception {
        assertThat(cli.run(env(), "call", "stripe.payment_intents.create", "amount=2000", "currency=eur",
                "payment_method=pm_card_chargeDeclined", "confirm=true")).isEqualTo(1);

        JsonNode error = Json.MAPPER.readTree(cli.stdout()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("UNPROCESSABLE");
        assertThat(error.path("details").toString()).contains("generic_decline");
        assertThat(cli.stdout()).as("the client secret of the declined intent stays out").doesNotContain("_secret_");
    }
}
