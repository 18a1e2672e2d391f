package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters are checked against the contract before anything goes out, and a value can never change the
 * path, the query or the headers of the request: it is percent-encoded as one segment or refused.
 */
class RequestValidationTest extends GitHubStub {

    @BeforeEach
    void answerEverything() {
        github.stubFor(any(anyUrl()).willReturn(okJson(repoJson())));
    }

    @Test
    void path_traversal_and_url_syntax_in_path_values_stay_inside_their_segments() throws IOException {
        // WireMock's Jetty refuses a path whose decoded form climbs above the root before recording it,
        // so this one is recorded by a plain JDK server that keeps the raw request target.
        try (RawTargets upstream = new RawTargets(repoJson())) {
            Map<String, String> env = env();
            env.put("GITHUB_BASE_URL", upstream.baseUrl());
            restart(settings(), env);

            Envelope result = integrator.call("github.repos.get", repo("../../x", "x?y#z"));

            assertThat(result.ok()).as("envelope %s", result).isTrue();
            assertThat(upstream.targets).containsExactly("/repos/..%2F..%2Fx/x%3Fy%23z");
        }
    }

    @Test
    void a_slash_in_a_path_value_is_encoded_not_a_separator() {
        integrator.call("github.repos.get", repo("a/b", "camel"));

        assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactly("/repos/a%2Fb/camel");
    }

    @Test
    void a_dot_dot_segment_is_encoded_so_it_cannot_climb() {
        integrator.call("github.repos.get", repo("..", "."));

        assertThat(requests()).extracting(LoggedRequest::getUrl).containsExactly("/repos/%2E%2E/%2E");
    }

    @ParameterizedTest(name = "owner {0}")
    @ValueSource(strings = {"apache\r\nX-Injected: 1", "apache\n", "apache\rcamel"})
    void a_line_break_in_a_path_value_is_refused_before_any_request(String owner) {
        Envelope result = integrator.call("github.repos.get", repo(owner, "camel"));

        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.error().message()).contains("owner");
        assertThat(result.meta().attempts()).isZero();
        assertThat(requests()).isEmpty();
    }

    @Test
    void a_line_break_in_a_query_value_is_refused_before_any_request() {
        Envelope result = integrator.call("github.issues.list",
                Map.of("owner", "apache", "repo", "camel", "labels", "bug\r\nX-Injected: 1"));

        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.error().message()).contains("labels");
        assertThat(requests()).isEmpty();
    }

    @Test
    void an_unknown_parameter_is_refused() {
        Map<String, Object> params = new HashMap<>(repo("apache", "camel"));
        params.put("branch", "main");

        Envelope result = integrator.call("github.repos.get", params);

        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.error().retryable()).isFalse();
        assertThat(requests()).isEmpty();
    }

    @Test
    void a_per_page_that_is_not_a_number_is_refused_naming_the_parameter() {
        assertRefusedNamingPerPage(integrator.call("github.issues.list", Map.of("owner", "apache", "repo", "camel", "per_page", "abc")));
    }

    @Test
    void a_per_page_above_the_maximum_is_refused_naming_the_parameter() {
        assertRefusedNamingPerPage(integrator.call("github.issues.list", Map.of("owner", "apache", "repo", "camel", "per_page", 500)));
        assertRefusedNamingPerPage(integrator.call("github.issues.list", Map.of("owner", "apache", "repo", "camel", "per_page", "500")));
    }

    @Test
    void a_missing_required_parameter_is_refused_naming_it() {
        Envelope result = integrator.call("github.repos.get", Map.of("repo", "camel"));

        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.error().details()).anySatisfy(detail -> assertThat(detail).containsEntry("path", "/owner"));
        assertThat(requests()).isEmpty();
    }

    @Test
    void a_valid_query_goes_out_encoded() {
        github.stubFor(any(anyUrl()).willReturn(okJson("[]")));

        Envelope result = integrator.call("github.issues.list",
                Map.of("owner", "apache", "repo", "camel", "labels", "bug,good first issue", "per_page", "50"));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        assertThat(requests()).hasSize(1);
        assertThat(requests().get(0).getUrl()).startsWith("/repos/apache/camel/issues?")
                .contains("labels=bug%2Cgood%20first%20issue").contains("per_page=50");
    }

    @Test
    void line_breaks_in_a_body_parameter_are_allowed_and_sent_as_json() throws Exception {
        github.stubFor(any(anyUrl()).willReturn(okJson(issueJson(9)).withStatus(201)));
        String text = "First line\r\nSecond line\nThird: \"quoted\"";

        Envelope result = integrator.call("github.issues.create",
                Map.of("owner", "apache", "repo", "camel", "title", "Broken build", "body", text, "labels", List.of("bug")));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        assertThat(requests()).hasSize(1);
        LoggedRequest sent = requests().get(0);
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getUrl()).isEqualTo("/repos/apache/camel/issues");
        JsonNode body = json(sent.getBodyAsString());
        assertThat(body.path("title").asText()).isEqualTo("Broken build");
        assertThat(body.path("body").asText()).isEqualTo(text);
        assertThat(body.path("labels").get(0).asText()).isEqualTo("bug");
        assertThat(body.has("owner")).as("path parameters stay out of the body").isFalse();
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void an_unknown_operation_is_an_invalid_request() {
        Envelope result = integrator.call("github.repos.delete", repo("apache", "camel"));

        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(requests()).isEmpty();
    }

    private static Envelope.Error refused(Envelope result) {
        assertThat(result.ok()).as("envelope %s", result).isFalse();
        return result.error();
    }

    private void assertRefusedNamingPerPage(Envelope result) {
        assertThat(refused(result).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.error().details()).isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).containsEntry("path", "/per_page"));
        assertThat(requests()).isEmpty();
    }

    /** A loopback HTTP server that records each raw request target (path and query as sent) and answers 200. */
    private static final class RawTargets implements AutoCloseable {
        final List<String> targets = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        RawTargets(String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                URI target = exchange.getRequestURI();
                targets.add(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
