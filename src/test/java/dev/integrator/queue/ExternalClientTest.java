package dev.integrator.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's examples, run as documented: standard tools that are not ours talk to the front door. */
// Child JVMs, broker restarts and external processes take longer than the suite's default per-test timeout.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ExternalClientTest extends GitHubStub {

    @TempDir
    Path data;

    private static void requireTool(String check, String install) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", check).redirectErrorStream(true).start();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
            return;
        }
        String reason = "needs " + install;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        Assumptions.abort(reason + " - skipped outside CI");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("client", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("client finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    private static JsonNode envelopeIn(String output) throws IOException {
        return Json.MAPPER.readTree(output.substring(output.indexOf('{')));
    }

    @Test
    void amqp_tools_get_a_reply_from_the_rabbitmq_front_door() throws Exception {
        RabbitAvailable.require();
        requireTool("command -v amqp-publish && command -v amqp-consume", "Debian's amqp-tools (apt-get install amqp-tools)");
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        RabbitFrontDoorTest.deleteQueues();
        try (QueueFrontDoor door = QueueFrontDoor.start(integrator, RabbitFrontDoorTest.settings(data))) {
            String output = run(List.of("ops/examples/rabbitmq-request.sh"));

            JsonNode envelope = envelopeIn(output);
            assertThat(envelope.path("ok").asBoolean()).as(output).isTrue();
            assertThat(envelope.path("data").path("fullName").asText()).isEqualTo("apache/camel");
        } finally {
            RabbitFrontDoorTest.deleteQueues();
        }
    }

    @Test
    void a_qpid_proton_client_gets_a_reply_from_the_embedded_artemis_over_amqp() throws Exception {
        requireTool("/usr/bin/python3 -c 'import proton'", "Debian's python3-qpid-proton (apt-get install python3-qpid-proton)");
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        QueueSettings settings = QueueSettings.fromEnv(data, Map.of("INTEGRATOR_DATA_DIR", data.toString(), "INTEGRATOR_ARTEMIS_PORT", String.valueOf(port)));
        try (QueueFrontDoor door = QueueFrontDoor.start(integrator, settings)) {
            String output = run(List.of("ops/examples/artemis-request.py", "127.0.0.1:" + port));

            JsonNode envelope = envelopeIn(output);
            assertThat(envelope.path("ok").asBoolean()).as(output).isTrue();
            assertThat(envelope.path("meta").path("operation").asText()).isEqualTo("github.repos.get");
        }
    }
}
