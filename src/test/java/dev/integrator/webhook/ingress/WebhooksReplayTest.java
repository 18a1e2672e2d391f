package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.cli.Main;
import dev.integrator.queue.ArtemisBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrator webhooks replay} signs a fixture with the provider's secret and posts it to a running ingress. */
class WebhooksReplayTest {

    static final String FIXTURE = "fixtures/github.events.issues.v1/good/opened.json";

    @TempDir
    Path data;

    IngressUnderTest ingress;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    // Starting the integrator, the broker and the port takes longer than the suite's default timeout on a busy machine.
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void start() throws Exception {
        ingress = IngressUnderTest.start(data, Map.of("GITHUB_WEBHOOK_SECRET", GitHubIngressTest.SECRET), Map.of());
    }

    @AfterEach
    void stop() {
        ingress.close();
    }

    private int replay(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    private String url() {
        return ingress.url("github").toString();
    }

    @Test
    void a_fixture_signed_with_the_providers_secret_is_accepted_and_queued_and_exits_0() throws Exception {
        int exit = replay(Map.of("GITHUB_WEBHOOK_SECRET", GitHubIngressTest.SECRET + ",retired"),
                "webhooks", "replay", FIXTURE, "--provider", "github", "--event", "issues", "--url", url());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("answered 202");
        assertThat(ArtemisEvents.drain(((ArtemisBroker) ingress.broker()).connectionFactory(),
                "integrator.events.github.issues")).hasSize(1);
    }

    @Test
    void a_secret_the_ingress_does_not_hold_is_refused_401_and_exits_1() {
        int exit = replay(Map.of("GITHUB_WEBHOOK_SECRET", "not the deployed secret"),
                "webhooks", "replay", FIXTURE, "--provider", "github", "--event", "issues", "--url", url());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("answered 401");
    }

    @Test
    void without_the_secret_it_exits_3_naming_the_variable_and_without_provider_or_event_2() {
        assertThat(replay(Map.of(), "webhooks", "replay", FIXTURE, "--provider", "github", "--event", "issues", "--url",
                url())).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GITHUB_WEBHOOK_SECRET");

        assertThat(replay(Map.of(), "webhooks", "replay", FIXTURE, "--provider", "github")).isEqualTo(2);
    }
}
