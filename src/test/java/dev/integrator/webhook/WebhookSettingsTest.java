package dev.integrator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.TempHome;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's {@code webhooks:} block is bound over {@code webhookDefaults} and checked with every problem at once.
 */
class WebhookSettingsTest {

    @TempDir
    Path dir;

    private Map<String, ProviderConfig> load(String webhooksBlock, List<String> problems) throws IOException {
        TempHome home = TempHome.copyOf(dir, "routes");
        Files.writeString(home.resolve("routes/github/provider.yaml"), webhooksBlock, StandardOpenOption.APPEND);
        return ProviderLoader.loadAll(home.resolve("routes"), Map.of(), Map.of(), problems);
    }

    @Test
    void a_provider_without_a_webhooks_block_has_no_ingress() throws IOException {
        List<String> problems = new ArrayList<>();

        assertThat(load("", problems).get("github").webhooks()).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void what_a_provider_leaves_out_comes_from_the_webhook_defaults() throws IOException {
        List<String> problems = new ArrayList<>();

        WebhookSettings webhooks = load("""
                webhooks:
                  scheme: github
                  secretEnv: GITHUB_WEBHOOK_SECRET
                  maxBodyBytes: 26214400
                  events: [issues, ping]
                """, problems).get("github").webhooks();

        assertThat(problems).isEmpty();
        assertThat(webhooks).isEqualTo(new WebhookSettings("github", "GITHUB_WEBHOOK_SECRET", 26_214_400, 300, 86_400,
                List.of("issues", "ping")));
    }

    @Test
    void every_problem_in_the_webhooks_block_is_reported_at_once() throws IOException {
        List<String> problems = new ArrayList<>();

        Map<String, ProviderConfig> providers = load("""
                webhooks:
                  scheme: x
                  secretEnv: github-secret
                  maxBodyBytes: 0
                  toleranceSeconds: 0
                  dedupeSeconds: 10
                  events: []
                """, problems);

        assertThat(providers).doesNotContainKey("github");
        assertThat(problems).hasSize(6).allSatisfy(p -> assertThat(p).contains("provider.yaml: webhooks."));
        assertThat(String.join("\n", problems))
                .contains("webhooks.scheme must be one of github, stripe, slack, standard, but was x")
                .contains("webhooks.secretEnv must be an environment variable name ([A-Z_][A-Z0-9_]*), "
                        + "but was github-secret")
                .contains("webhooks.maxBodyBytes must be between 1 and 104857600, but was 0")
                .contains("webhooks.toleranceSeconds must be 1..3600, but was 0")
                .contains("webhooks.dedupeSeconds must be >= 60, but was 10")
                .contains("webhooks.events must be a non-empty list of event types ([a-z0-9_.]+), but was []");
    }

    @Test
    void a_secret_written_into_the_settings_instead_of_its_variable_is_refused() throws IOException {
        List<String> problems = new ArrayList<>();

        load("""
                webhooks:
                  scheme: github
                  secret: It's a Secret to Everybody
                  events: [ping]
                """, problems);

        assertThat(String.join("\n", problems)).contains("\"secret\"").doesNotContain("Everybody");
    }

    @Test
    void the_secrets_are_the_comma_separated_values_of_the_variable() {
        WebhookSettings webhooks = new WebhookSettings("stripe", "STRIPE_WEBHOOK_SECRET", 1024, 300, 86_400,
                List.of("charge.refunded"));

        assertThat(webhooks.secrets(Map.of("STRIPE_WEBHOOK_SECRET", " whsec_new , whsec_old,,")))
                .containsExactly("whsec_new", "whsec_old");
        assertThat(webhooks.secrets(Map.of())).as("unset: nothing verifies, nothing is accepted unsigned").isEmpty();
    }
}
