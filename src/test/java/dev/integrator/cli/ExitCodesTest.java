package dev.integrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes beyond ok, error envelope and usage: a missing dead letter, and a failure nothing expected. */
class ExitCodesTest {

    private final CommandLine cli = new CommandLine();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void replaying_a_dead_letter_that_is_not_there_is_not_found_not_a_usage_error(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("INTEGRATOR_DATA_DIR", data.toString(), "INTEGRATOR_ARTEMIS_PORT", String.valueOf(freePort()));

        assertThat(cli.run(env, "dlq", "replay", "--id", "ID:no-such-letter")).isEqualTo(5);

        assertThat(cli.stderr()).contains("no dead letter with id ID:no-such-letter").doesNotContain("usage:");
    }

    @Test
    void a_broker_that_cannot_be_reached_fails_with_one_masked_line_and_exit_6_not_a_stack_trace() throws Exception {
        Map<String, String> env = Map.of("INTEGRATOR_BROKER", "rabbitmq",
                "RABBITMQ_URL", "amqp://integrator:s3cret-rabbit-pw@127.0.0.1:" + freePort());

        assertThat(cli.run(env, "dlq", "list")).isEqualTo(6);

        assertThat(cli.stderr().lines().toList()).singleElement().asString().startsWith("integrator failed unexpectedly: ");
        assertThat(cli.stderr()).doesNotContain("s3cret-rabbit-pw", "\tat ");
        assertThat(cli.stdout()).doesNotContain("s3cret-rabbit-pw");
    }

    @Test
    void the_failure_line_is_one_line_with_the_values_of_secret_named_variables_masked() {
        String secret = "correct-horse-battery-staple";
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.failed(new IllegalStateException("refused with " + secret + "\n\tat somewhere"), Map.of("SERVICE_PASSWORD", secret),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("IllegalStateException: refused with ***").doesNotContain(secret);
    }

    @Test
    void help_lists_every_exit_code() {
        assertThat(cli.run(Map.of(), "--help")).isZero();

        assertThat(cli.stdout()).contains("exit codes:", "5 not found", "6 integrator failed unexpectedly", "7 bin/integrator could not build");
    }
}
