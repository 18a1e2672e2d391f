package dev.integrator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acme is a provider added the way the project asks: routes/acme/, contracts/, fixtures/ and ops/ under its home,
 * records in dev.integrator.acme, and no other code. {@code integrator verify} holds it to every rule GitHub is held to.
 */
class AcmeHomeTest {

    @TempDir
    Path dir;

    @Test
    void the_acme_home_verifies_clean_its_fixtures_replayed_through_the_chain() throws IOException {
        assertThat(Verifier.verify(AcmeUnderTest.copyHome(dir))).isEmpty();
    }

    @Test
    void acme_is_held_to_the_same_rules_a_changed_golden_dto_and_a_stale_note_fail() throws IOException {
        Path home = AcmeUnderTest.copyHome(dir);
        Path fixture = home.resolve("fixtures/acme.customers.v1/good/list-first-page-has-more.json");
        Files.writeString(fixture, Files.readString(fixture).replace("\"startingAfter\": \"cus_B2\"", "\"startingAfter\": \"cus_A1\""));
        Path settings = home.resolve("routes/acme/provider.yaml");
        Files.writeString(settings, Files.readString(settings).replace("resetFormat: secondsFromNow", "resetFormat: epochSeconds"));

        assertThat(String.join("\n", Verifier.verify(home)))
                .contains("list-first-page-has-more")
                .contains("ops/integrations/acme/README.md");
    }
}
