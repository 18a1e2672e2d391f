package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many requests a failure costs: retryable answers use every attempt, the others exactly one. */
class RetryTest extends GitHubStub {

    @ParameterizedTest(name = "{0} is retried up to maxAttempts and ends {1}")
    @CsvSource({
            "500, UPSTREAM_ERROR",
            "502, UPSTREAM_ERROR",
            "503, UPSTREAM_ERROR",
            "504, UPSTREAM_ERROR",
            "408, TIMEOUT"})
    void a_retryable_status_is_tried_max_attempts_times(int statusCode, ErrorCode code) {
        github.stubFor(get("/repos/apache/camel").willReturn(status(statusCode)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(code);
        assertThat(env.error().status()).isEqualTo(statusCode);
        assertThat(requests()).hasSize(3);
        assertThat(env.meta().attempts()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} is not retried and ends {1}")
    @CsvSource({
            "400, INVALID_REQUEST",
            "401, UNAUTHORIZED",
            "403, FORBIDDEN",
            "404, NOT_FOUND",
            "409, CONFLICT",
            "422, UNPROCESSABLE"})
    void a_client_error_is_tried_exactly_once(int statusCode, ErrorCode code) {
        github.stubFor(get("/repos/apache/camel").willReturn(
                aResponse().withStatus(statusCode).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"no\"}")));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(code);
        assertThat(env.error().status()).isEqualTo(statusCode);
        assertThat(requests()).hasSize(1);
        assertThat(env.meta().attempts()).isEqualTo(1);
    }

    @Test
    void two_503s_then_a_200_succeed_on_the_third_attempt() {
        getInTurn("/repos/apache/camel", status(503), status(503), okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(env.meta().attempts()).isEqualTo(3);
        assertThat(requests()).hasSize(3);
    }

    @Test
    void the_provider_setting_retry_max_attempts_bounds_the_attempts() {
        start("""
                {"retry": {"maxAttempts": 5, "initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).hasSize(5);
        assertThat(env.meta().attempts()).isEqualTo(5);
    }

    @Test
    void the_route_parameter_max_attempts_overrides_the_provider_setting_for_its_operation(@TempDir Path home) throws IOException {
        copyTree(Path.of("routes"), home.resolve("routes"));
        copyTree(Path.of("contracts"), home.resolve("contracts"));
        Path repos = home.resolve("routes/github/repos.yaml");
        String withTwo = Files.readString(repos).replace(
                "      - {name: contract, value: github.repos.v1}\n",
                "      - {name: contract, value: github.repos.v1}\n      - {name: maxAttempts, value: \"2\"}\n");
        assertThat(withTwo).contains("maxAttempts");
        Files.writeString(repos, withTwo);
        integrator.close();
        integrator = Integrator.builder().home(home).env(env()).override("github", json(settings())).start();
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));
        github.stubFor(get("/repos/apache/camel/issues/7").willReturn(status(503)));

        Envelope repoCall = integrator.call("github.repos.get", repo("apache", "camel"));
        assertThat(repoCall.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).hasSize(2);

        github.resetRequests();
        Envelope issueCall = integrator.call("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 7));
        assertThat(issueCall.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).as("other operations keep the provider's 3 attempts").hasSize(3);
    }

    @Test
    void a_post_that_reached_the_provider_is_not_retried_on_503() {
        github.stubFor(post("/repos/apache/camel/issues").willReturn(status(503)));

        Envelope env = integrator.call("github.issues.create", Map.of("owner", "apache", "repo", "camel", "title", "Broken build"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).hasSize(1);
        assertThat(env.meta().attempts()).isEqualTo(1);
    }

    @Test
    void a_post_whose_connection_was_refused_is_retried_because_it_never_left() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = env();
        env.put("GITHUB_BASE_URL", "http://127.0.0.1:" + closedPort);
        // The operation's own budget (1 request/s) paces the three attempts; allow that wait.
        restart("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 5000}}
                """, env);

        Envelope result = integrator.call("github.issues.create", Map.of("owner", "apache", "repo", "camel", "title", "Broken build"));

        assertThat(result.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(result.meta().attempts()).isEqualTo(3);
    }

    @Test
    void a_422_keeps_the_providers_field_errors_in_details() {
        github.stubFor(post("/repos/apache/camel/labels").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"message": "Validation Failed",
                         "errors": [{"resource": "Label", "code": "already_exists", "field": "name"}],
                         "documentation_url": "https://docs.github.com/rest/issues/labels#create-a-label", "status": "422"}
                        """)));

        Envelope env = integrator.call("github.labels.create",
                Map.of("owner", "apache", "repo", "camel", "name", "bug", "color", "d73a4a"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(env.error().details()).anySatisfy(detail -> {
            assertThat(detail).containsEntry("field", "name");
            assertThat(detail).containsEntry("code", "already_exists");
        });
        assertThat(github.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlEqualTo("/repos/apache/camel/labels")))).hasSize(1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
