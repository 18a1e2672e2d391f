package dev.integrator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/integrator as a user runs it, on the packaged jar: a child process, its stdout and its exit code. */
class LauncherIT {

    private WireMockServer github;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("integrator", ".out");
        Path err = Files.createTempFile("integrator", ".err");
        ProcessBuilder pb = new ProcessBuilder(concat("bin/integrator", args)).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("GITHUB_TOKEN");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/integrator finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }

    @Test
    void call_against_a_local_stub_prints_the_ok_envelope() throws Exception {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson("""
                {"id": 206378, "name": "camel", "full_name": "apache/camel", "private": false,
                 "owner": {"login": "apache"}, "html_url": "https://github.com/apache/camel", "description": "Apache Camel",
                 "default_branch": "main", "stargazers_count": 5800, "forks_count": 5000, "open_issues_count": 12, "archived": false}
                """)));

        Run run = run(Map.of("GITHUB_BASE_URL", github.baseUrl()), "call", "github.repos.get", "owner=apache", "repo=camel");

        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode envelope = Json.MAPPER.readTree(run.stdout());
        assertThat(envelope.path("ok").asBoolean()).isTrue();
        assertThat(envelope.path("data").path("fullName").asText()).isEqualTo("apache/camel");
    }

    @Test
    void call_of_an_unknown_operation_exits_2() throws Exception {
        Run run = run(Map.of("GITHUB_BASE_URL", github.baseUrl()), "call", "github.nothing.here");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void demo_runs_its_tour_against_the_sandbox_and_exits_by_itself() throws Exception {
        Run run = run(Map.of(), "demo");

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains("summary:", "CONTRACT_VIOLATION", "CIRCUIT_OPEN").doesNotContain("FAIL ");
    }
}
