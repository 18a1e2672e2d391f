package dev.integrator.drift;

import dev.integrator.redact.ProviderShapes;
import dev.integrator.redact.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.contract.ContractOperation;
import dev.integrator.contract.Violation;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder on its own: sample content, contract-marked fields, the bound, and failures that must not escape. */
class DriftRecorderTest {

    private static final String CONTRACT = """
            id: acme.users.v1
            provider: acme
            resource: users
            version: 1
            provenance: {source: test, descriptionVersion: "1", producedBy: test, decision: test, date: "2026-11-26"}
            schemas:
              user:
                type: object
                required: [login, age]
                properties:
                  login: {type: string}
                  age: {type: integer}
                  email: {type: string, x-sensitive: true}
            operations:
              get:
                operationId: users/get
                dto: User
                parameters:
                  name: {in: path, required: true, schema: {type: string}}
                response:
                  status: 200
                  schema: {$ref: "#/$defs/user"}
            """;

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ContractOperation operation;
    private Instant now = Instant.parse("2026-11-26T09:12:40.123Z");

    @BeforeEach
    void loadContract() throws Exception {
        Path contracts = Files.createDirectories(tmp.resolve("contracts"));
        Files.writeString(contracts.resolve("acme.users.v1.yaml"), CONTRACT);
        List<String> problems = new ArrayList<>();
        Map<String, Contract> loaded = ContractLoader.loadAll(contracts, problems);
        assertThat(problems).as("x-sensitive is an annotation the validator accepts").isEmpty();
        operation = loaded.get("acme.users.v1").operations().get("get");
    }

    private DriftRecorder recorder(Path dir, int max) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plus(Duration.ofSeconds(1));
                return now;
            }
        };
        return new DriftRecorder(dir, max, meters, new Redactor(List.of("configured-secret-42"), ProviderShapes.of("github")), clock);
    }

    private DriftRecorder.Drift drift(String body) throws Exception {
        JsonNode tree = Json.MAPPER.readTree(body);
        List<Violation> violations = operation.validateResponse(tree);
        UpstreamResponse response = new UpstreamResponse(200,
                Map.of("Content-Type", List.of("application/json"), "Set-Cookie", List.of("sid=abc"), "Content-Length", List.of("99")),
                body.getBytes(StandardCharsets.UTF_8), URI.create("http://127.0.0.1/users/octo"));
        return new DriftRecorder.Drift("acme", "acme.users.get", operation,
                Json.MAPPER.readTree("{\"name\": \"octo\", \"api_key\": \"k-1\"}"), response, tree, violations);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void a_sample_holds_the_call_redacted_and_its_violations() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(drift("""
                {"login": "octo", "age": "41", "email": "octo@example.com", "note": "configured-secret-42 leaked"}
                """));

        List<Path> samples = files(dir.resolve("acme.users.v1"));
        assertThat(samples).hasSize(1);
        assertThat(samples.get(0).getFileName().toString()).matches("20261126T091241\\.123Z-acme\\.users\\.get-[0-9a-f]{6}\\.json");
        JsonNode sample = Json.MAPPER.readTree(samples.get(0).toFile());
        assertThat(sample.path("operation").asText()).isEqualTo("acme.users.get");
        assertThat(sample.path("contract").asText()).isEqualTo("acme.users.v1");
        assertThat(sample.path("recordedAt").asText()).isEqualTo("2026-11-26T09:12:41.123Z");
        assertThat(sample.path("request")).isEqualTo(Json.MAPPER.readTree("{\"name\": \"octo\", \"api_key\": \"***\"}"));
        assertThat(sample.path("response").path("status").asInt()).isEqualTo(200);
        assertThat(sample.path("response").path("headers")).isEqualTo(
                Json.MAPPER.readTree("{\"Content-Type\": \"application/json\", \"Set-Cookie\": \"***\"}"));
        assertThat(sample.path("response").path("body")).isEqualTo(
                Json.MAPPER.readTree("{\"login\": \"octo\", \"age\": \"41\", \"email\": \"***\", \"note\": \"***\"}"));
        assertThat(sample.path("violations").path(0).path("path").asText()).isEqualTo("/age");
        assertThat(sample.path("violations").path(0).path("rule").asText()).isEqualTo("type");
        assertThat(meters.get(DriftRecorder.METRIC).tags("provider", "acme", "operation", "acme.users.get", "contract", "acme.users.v1")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void the_folder_keeps_the_newest_samples_of_each_contract() throws Exception {
        Path dir = tmp.resolve("drift");
        DriftRecorder recorder = recorder(dir, 3);

        for (int i = 0; i < 5; i++) {
            recorder.record(drift("{\"login\": \"octo\", \"age\": \"" + i + "\"}"));
        }

        List<Path> samples = files(dir.resolve("acme.users.v1"));
        assertThat(samples).hasSize(3);
        assertThat(samples.stream().map(f -> readAge(f)).toList()).containsExactly("2", "3", "4");
        assertThat(meters.get(DriftRecorder.METRIC).counter().count()).isEqualTo(5.0);
    }

    private static String readAge(Path f) {
        try {
            return Json.MAPPER.readTree(f.toFile()).path("response").path("body").path("age").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_folder_that_cannot_be_written_is_skipped_and_still_counted() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("occupied"), "a file where the folder should be");

        recorder(notADir, 5).record(drift("{\"login\": \"octo\", \"age\": \"x\"}"));

        assertThat(meters.get(DriftRecorder.METRIC).counter().count()).isEqualTo(1.0);
        assertThat(Files.readString(notADir)).isEqualTo("a file where the folder should be");
    }

    @Test
    void zero_samples_counts_without_writing() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 0).record(drift("{\"login\": \"octo\", \"age\": \"x\"}"));

        assertThat(dir).doesNotExist();
        assertThat(meters.get(DriftRecorder.METRIC).counter().count()).isEqualTo(1.0);
    }

    /** As the response link records a status other than the contract's: the body unparsed. */
    private DriftRecorder.Drift unparsed(int status, String contentType, String body) {
        UpstreamResponse response = new UpstreamResponse(status, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8), URI.create("http://127.0.0.1/users/octo"));
        return new DriftRecorder.Drift("acme", "acme.users.get", operation, null, response, null,
                List.of(new Violation("", "status", "status " + status + " where the contract expects 200")));
    }

    private JsonNode onlySampleBody(Path dir) throws Exception {
        return Json.MAPPER.readTree(files(dir.resolve("acme.users.v1")).get(0).toFile()).path("response").path("body");
    }

    @Test
    void a_json_body_with_an_unexpected_status_is_sampled_as_json_with_secret_and_sensitive_fields_masked() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(unparsed(201, "application/json", """
                {"login": "octo", "age": 41, "password": "hunter2", "email": "octo@example.com"}
                """));

        assertThat(onlySampleBody(dir)).isEqualTo(Json.MAPPER.readTree("""
                {"login": "octo", "age": 41, "password": "***", "email": "***"}
                """));
    }

    @Test
    void a_json_body_whatever_its_content_type_is_sampled_as_json() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(unparsed(500, "text/plain", "[{\"session\": \"s-1\", \"note\": \"plain\"}]"));

        assertThat(onlySampleBody(dir)).isEqualTo(Json.MAPPER.readTree("[{\"session\": \"***\", \"note\": \"plain\"}]"));
    }

    @Test
    void a_body_that_is_json_followed_by_more_is_kept_whole_as_text() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(unparsed(502, "text/html", "{\"login\": \"octo\"}<html>bad gateway</html>"));

        assertThat(onlySampleBody(dir).asText()).isEqualTo("{\"login\": \"octo\"}<html>bad gateway</html>");
    }

    @Test
    void a_cut_off_json_body_keeps_its_text_with_secret_named_fields_masked() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(unparsed(201, "application/json", "{\"login\": \"octo\", \"password\": \"hunter2\", \"api_key\": 12345,"
                + " \"client_secret\": \"cut off here"));

        assertThat(onlySampleBody(dir).asText())
                .isEqualTo("{\"login\": \"octo\", \"password\": \"***\", \"api_key\": \"***\", \"client_secret\": \"***\"");
    }

    @Test
    void a_form_encoded_body_keeps_its_text_with_secret_named_fields_masked() throws Exception {
        Path dir = tmp.resolve("drift");

        recorder(dir, 5).record(unparsed(200, "application/x-www-form-urlencoded", "access_token=opaque123&scope=repo&token_type=bearer"));

        assertThat(onlySampleBody(dir).asText()).as("token_type goes too: a query-style name holding token")
                .isEqualTo("access_token=***&scope=repo&token_type=***");
    }

    @Test
    void a_body_that_is_not_json_is_kept_as_redacted_text() throws Exception {
        Path dir = tmp.resolve("drift");
        byte[] html = "<html>token ghp_abcdefghijklmnopqrstuvwxyz012345</html>".getBytes(StandardCharsets.UTF_8);
        UpstreamResponse response = new UpstreamResponse(200, Map.of("Content-Type", List.of("text/html")), html,
                URI.create("http://127.0.0.1/users/octo"));

        recorder(dir, 5).record(new DriftRecorder.Drift("acme", "acme.users.get", operation, null, response, null,
                List.of(new Violation("", "json", "response body is not JSON"))));

        JsonNode sample = Json.MAPPER.readTree(files(dir.resolve("acme.users.v1")).get(0).toFile());
        assertThat(sample.path("response").path("body").asText()).isEqualTo("<html>token ***</html>");
        assertThat(sample.path("request").isObject()).isTrue();
    }
}
