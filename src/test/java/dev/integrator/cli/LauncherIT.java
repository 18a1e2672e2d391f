package dev.integrator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(run.stderr()).as("nothing logged at the command line's default level").isEmpty();
    }

    @Test
    void call_logs_readable_text_by_default_and_json_when_asked() throws Exception {
        github.stubFor(get("/repos/apache/gone").willReturn(notFound()));

        Run text = run(Map.of("GITHUB_BASE_URL", github.baseUrl(), "INTEGRATOR_LOG", "INFO"), "call", "github.repos.get", "owner=apache", "repo=gone");
        Run json = run(Map.of("GITHUB_BASE_URL", github.baseUrl(), "INTEGRATOR_LOG", "INFO", "INTEGRATOR_LOG_FORMAT", "json"),
                "call", "github.repos.get", "owner=apache", "repo=gone");

        assertThat(text.exit()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(text.stdout()).at("/error/code").asText()).as("stdout stays the envelope").isEqualTo("NOT_FOUND");
        assertThat(text.stderr().lines().toList()).hasSize(2).allMatch(line -> !line.startsWith("{"))
                .anyMatch(line -> line.contains("integrator.call") && line.contains("outcome=error") && line.contains("code=NOT_FOUND"));
        assertThat(json.stderr().lines().toList()).hasSize(2);
        for (String line : json.stderr().lines().toList()) {
            assertThat(Json.MAPPER.readTree(line).path("operation").asText()).isEqualTo("github.repos.get");
        }
    }

    @Test
    void run_logs_json_and_serves_health_and_metrics_on_the_management_port(@TempDir Path data) throws Exception {
        int artemisPort;
        try (ServerSocket s = new ServerSocket(0)) {
            artemisPort = s.getLocalPort();
        }
        Path err = data.resolve("run.err");
        ProcessBuilder pb = new ProcessBuilder("bin/integrator", "run").redirectError(err.toFile());
        pb.environment().putAll(Map.of("GITHUB_BASE_URL", github.baseUrl(), "INTEGRATOR_MANAGEMENT_PORT", "0",
                "INTEGRATOR_WEBHOOK_PORT", "0", "INTEGRATOR_DATA_DIR", data.toString(),
                "INTEGRATOR_ARTEMIS_PORT", String.valueOf(artemisPort)));
        pb.environment().remove("INTEGRATOR_LOG_FORMAT");
        pb.environment().remove("INTEGRATOR_LOG");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String started = out.readLine();
            assertThat(started).as("startup line").startsWith("integrator run:");
            Matcher url = Pattern.compile("http://\\S+/observe").matcher(started);
            assertThat(url.find()).as(started).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url.group() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(url.group() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(ready.body()).at("/checks/broker/status").asText()).isEqualTo("UP");
            assertThat(metrics.body()).contains("integrator_breaker_state{breaker=\"github\",provider=\"github\",state=\"closed\"} 1")
                    .contains("integrator_breaker_state{breaker=\"github.search\",provider=\"github\",state=\"closed\"} 1");
            List<JsonNode> events = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(err)) {
                events.add(Json.MAPPER.readTree(line));
            }
            assertThat(events).as("every stderr line is a JSON event").anySatisfy(event -> {
                assertThat(event.path("logger_name").asText()).isEqualTo("integrator.run");
                assertThat(event.path("level").asText()).isEqualTo("INFO");
                assertThat(event.path("operations").asInt()).isPositive();
            });
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void call_of_an_unknown_operation_exits_2() throws Exception {
        Run run = run(Map.of("GITHUB_BASE_URL", github.baseUrl()), "call", "github.nothing.here");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void a_runtime_failure_is_one_masked_line_and_exit_6_not_a_stack_trace() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        Run run = run(Map.of("INTEGRATOR_BROKER", "rabbitmq", "RABBITMQ_URL", "amqp://integrator:s3cret-rabbit-pw@127.0.0.1:" + closed), "dlq", "list");

        assertThat(run.exit()).as(run.stderr()).isEqualTo(6);
        assertThat(run.stderr().lines().toList()).singleElement().asString().startsWith("integrator failed unexpectedly: ");
        assertThat(run.stderr()).doesNotContain("s3cret-rabbit-pw", "\tat ");
    }

    @Test
    void a_build_that_fails_says_so_and_exits_7(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("bin"));
        Files.createDirectories(project.resolve("src/main"));
        Files.copy(Path.of("bin/integrator"), project.resolve("bin/integrator"));
        Files.writeString(project.resolve("pom.xml"), "<project>");
        ProcessBuilder pb = new ProcessBuilder(project.resolve("bin/integrator").toString(), "verify").redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/integrator finished").isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(7);
        assertThat(output).contains("integrator: the build failed, so nothing was run");
        assertThat(project.resolve("target/integrator.jar")).doesNotExist();
    }

    @Test
    void demo_runs_its_tour_against_the_sandbox_and_exits_by_itself() throws Exception {
        Run run = run(Map.of(), "demo");

        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains("summary:", "CONTRACT_VIOLATION", "CIRCUIT_OPEN").doesNotContain("FAIL ");
        assertThat(run.stdout()).as("the Slack act, through the SDK").contains("Slack SDK: page 1 (next_cursor -> nextCursor)",
                "Slack SDK: ok:false missing_scope -> FORBIDDEN");
        assertThat(run.stdout()).as("the Stripe act").contains("created once", "created 1 payment intent(s)", "UNPROCESSABLE");
        assertThat(run.stderr()).as("nothing went wrong on the way").isEmpty();
    }
}
