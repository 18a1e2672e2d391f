package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Run-time drift through the real chain: the error, the metric, one redacted sample, the bound. */
class DriftTest extends GitHubStub {

    /** repos.get with stargazers_count as a string, a secret field, a token field and the caller's token echoed. */
    private static String driftedRepo() throws Exception {
        ObjectNode body = (ObjectNode) json(repoJson());
        body.put("stargazers_count", "5800");
        body.put("client_secret", "s3cr3t-value");
        body.put("token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        body.put("homepage", "https://example.org/?echo=" + TOKEN);
        return body.toString();
    }

    private Path samples() {
        return driftDir.resolve("github.repos.v1");
    }

    private List<Path> sampleFiles() throws Exception {
        if (!Files.isDirectory(samples())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(samples())) {
            return files.sorted().toList();
        }
    }

    @Test
    void a_drifted_response_is_counted_and_sampled_with_secrets_masked() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(meters).start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(driftedRepo())
                .withHeader("Set-Cookie", "logged_in=yes; session=abc")
                .withHeader("Link", "<https://api.github.com/x?echo=" + TOKEN + ">; rel=\"next\"")));

        Envelope envelope = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(envelope.ok()).isFalse();
        assertThat(envelope.error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
        assertThat(integrator.meterRegistry()).isSameAs(meters);
        Counter counter = meters.get(DriftRecorder.METRIC).counter();
        assertThat(counter.count()).isEqualTo(1.0);
        assertThat(counter.getId().getTags()).extracting(t -> t.getKey() + "=" + t.getValue())
                .containsExactlyInAnyOrder("provider=github", "operation=github.repos.get", "contract=github.repos.v1");

        List<Path> files = sampleFiles();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-github\\.repos\\.get-[0-9a-f]{6}\\.json");
        String text = Files.readString(files.get(0));
        assertThat(text).contains("/stargazers_count").doesNotContain(TOKEN, "s3cr3t-value", "ghp_abcdefghij", "session=abc");
        JsonNode sample = Json.MAPPER.readTree(text);
        assertThat(sample.path("operation").asText()).isEqualTo("github.repos.get");
        assertThat(sample.path("contract").asText()).isEqualTo("github.repos.v1");
        assertThat(sample.path("request")).isEqualTo(json("{\"owner\": \"apache\", \"repo\": \"camel\"}"));
        JsonNode body = sample.path("response").path("body");
        assertThat(body.path("client_secret").asText()).isEqualTo("***");
        assertThat(body.path("token").asText()).isEqualTo("***");
        assertThat(body.path("homepage").asText()).isEqualTo("***");
        assertThat(body.path("stargazers_count").asText()).as("the drifted value itself is kept").isEqualTo("5800");
        // The HTTP link hands header names over in lower case.
        assertThat(sample.path("response").path("headers").path("set-cookie").asText()).isEqualTo("***");
        assertThat(sample.path("response").path("headers").path("link").asText()).isEqualTo("***");
        assertThat(sample.path("violations").path(0).path("path").asText()).isEqualTo("/stargazers_count");
        assertThat(sample.path("violations").path(0).path("rule").asText()).isEqualTo("type");
    }

    @Test
    void a_success_status_other_than_the_contracts_is_drift_too_counted_sampled_and_not_retried() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson().replace("\"archived\": false",
                "\"archived\": false, \"password\": \"hunter2\"")).withStatus(203)));

        Envelope envelope = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(envelope.error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
        assertThat(envelope.error().status()).isEqualTo(203);
        assertThat(envelope.error().message()).contains("status 203").contains("200");
        assertThat(envelope.error().details()).singleElement().satisfies(d -> assertThat(d).containsEntry("rule", "status"));
        assertThat(integrator.meterRegistry().get(DriftRecorder.METRIC).counter().count()).isEqualTo(1.0);
        assertThat(sampleFiles()).singleElement().satisfies(f -> assertThat(Files.readString(f)).contains("\"status\": 203"));
        JsonNode body = Json.MAPPER.readTree(sampleFiles().get(0).toFile()).path("response").path("body");
        assertThat(body.path("full_name").asText()).as("the body is kept as JSON").isEqualTo("apache/camel");
        assertThat(body.path("password").asText()).isEqualTo("***");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void the_drift_folder_keeps_at_most_the_configured_samples_per_contract() throws Exception {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).driftSamples(3).start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(driftedRepo())));

        for (int i = 0; i < 5; i++) {
            assertThat(integrator.call("github.repos.get", repo("apache", "camel")).error().code()).isEqualTo(ErrorCode.CONTRACT_VIOLATION);
        }

        assertThat(sampleFiles()).hasSize(3);
        assertThat(integrator.meterRegistry().get(DriftRecorder.METRIC).counter().count()).isEqualTo(5.0);
    }

    @Test
    void the_drift_folder_can_be_set_on_the_builder() throws Exception {
        Path elsewhere = driftDir.resolve("elsewhere");
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).driftDir(elsewhere).start();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(driftedRepo())));

        integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(elsewhere.resolve("github.repos.v1")).isDirectoryContaining("glob:**.json");
        assertThat(sampleFiles()).isEmpty();
    }

    @Test
    void a_good_response_writes_nothing_and_counts_nothing() throws Exception {
        github.stubFor(get("/repos/apache/drifted").willReturn(okJson(driftedRepo())));
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        integrator.call("github.repos.get", repo("apache", "drifted"));
        List<Path> before = sampleFiles();
        assertThat(before).hasSize(1);

        assertThat(integrator.call("github.repos.get", repo("apache", "camel")).ok()).isTrue();

        assertThat(sampleFiles()).isEqualTo(before);
        assertThat(integrator.meterRegistry().get(DriftRecorder.METRIC).counter().count()).isEqualTo(1.0);
    }
}
