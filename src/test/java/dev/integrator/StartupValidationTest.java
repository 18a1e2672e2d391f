package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Broken definitions stop the start, and every problem in every file is reported at once. */
class StartupValidationTest {

    @TempDir
    Path dir;
    private TempHome home;

    @BeforeEach
    void copyDefinitions() throws IOException {
        home = TempHome.copyOf(dir, "routes", "contracts");
    }

    /** One operation per route of the committed route files, whatever providers they hold. */
    private int committedOperations() {
        try (Stream<Path> files = Files.walk(home.path().resolve("routes"))) {
            int routes = 0;
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                routes += (int) Files.readAllLines(f).stream().filter(line -> line.trim().startsWith("routeId:")).count();
            }
            return routes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Integrator start() {
        return Integrator.builder().home(home.path()).env(Map.of()).start();
    }

    @Test
    void the_definitions_as_committed_start() {
        try (Integrator integrator = start()) {
            assertThat(integrator.operations().all()).hasSize(committedOperations());
        }
    }

    @Test
    void problems_in_contracts_settings_and_routes_are_reported_together() throws IOException {
        edit("contracts/github.repos.v1.yaml", "$ref: \"#/$defs/", "$ref: \"#/$defs/missing");
        edit("routes/github/provider.yaml", "provider: github", "provider: github\nretry: {maxAttempts: 0}");
        edit("routes/github/search.yaml", "value: github.search.v1", "value: github.search.v7");
        edit("routes/github/labels.yaml", "/repos/{owner}/{repo}/labels", "/repos/{owner}/{repository}/labels");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("github.repos.v1.yaml: operations.get.response.schema: schema does not compile")
                .hasMessageContaining("retry.maxAttempts must be 1..10, but was 0")
                .hasMessageContaining("operation github.search.issues: contract github.search.v7 not found")
                .hasMessageContaining("operation github.labels.create: path variables [owner, repository] must be the contract's path parameters");
    }

    @Test
    void a_breaker_group_that_is_not_a_name_and_a_minimum_attempt_of_zero_are_reported_together() throws IOException {
        edit("routes/github/search.yaml", "{name: breakerGroup, value: search}", "{name: breakerGroup, value: Search}");
        edit("routes/github/provider.yaml", "provider: github", "provider: github\ntimeouts: {minAttemptMs: 0}");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("operation github.search.issues: breakerGroup must be a lower-case name, but was Search")
                .hasMessageContaining("timeouts.minAttemptMs must be > 0, but was 0");
    }

    @Test
    void a_contract_that_declares_the_reserved_idempotency_key_parameter_is_refused() throws IOException {
        edit("contracts/github.labels.v1.yaml", "      name: {in: body, required: true, schema: {type: string, minLength: 1}}",
                "      name: {in: body, required: true, schema: {type: string, minLength: 1}}\n"
                        + "      idempotencyKey: {in: body, schema: {type: string}}");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("operations.create.parameters.idempotencyKey is reserved for the caller's idempotency key");
    }

    @Test
    void idempotent_methods_that_no_route_method_can_match_are_refused() throws IOException {
        edit("routes/github/provider.yaml", "provider: github", "provider: github\nretry: {idempotentMethods: [GET, put]}");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("retry.idempotentMethods must be a list of upper-case HTTP methods, but was [GET, put]");
    }

    @Test
    void a_retry_budget_over_100_percent_and_a_negative_minimum_are_reported_together() throws IOException {
        edit("routes/github/provider.yaml", "provider: github", "provider: github\nretry: {budgetPercent: 150, minRetryConcurrency: -1}");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("retry.budgetPercent must be between 0 and 100, but was 150.0")
                .hasMessageContaining("retry.minRetryConcurrency must be >= 0, but was -1");
    }

    @Test
    void bad_rate_limit_settings_and_resource_names_are_reported_together() throws IOException {
        edit("routes/github/provider.yaml", "  defaultWaitMs: 60000", "  defaultWaitMs: 60000\n  maxPauseMs: 0\n  pauseJitterMs: -1");
        edit("routes/github/search.yaml", "{name: rateLimitResource, value: search}", "{name: rateLimitResource, value: \"search:quota\"}");

        assertThatThrownBy(this::start)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rateLimit.maxPauseMs must be > 0, but was 0")
                .hasMessageContaining("rateLimit.defaultWaitMs must be between 0 and rateLimit.maxPauseMs, but was 60000")
                .hasMessageContaining("rateLimit.pauseJitterMs must be >= 0, but was -1")
                .hasMessageContaining("operation github.search.issues: rateLimitResource must be a resource name");
    }

    @Test
    void a_token_with_a_line_break_is_a_configuration_problem_reported_with_the_others() throws IOException {
        edit("routes/github/search.yaml", "value: github.search.v1", "value: github.search.v7");

        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of("GITHUB_TOKEN", "secret-part\r\nX-Injected: 1")).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GITHUB_TOKEN must not contain a line break")
                .hasMessageContaining("contract github.search.v7 not found")
                .hasMessageNotContaining("secret-part");
    }

    @Test
    void a_plain_http_base_url_to_a_host_other_than_loopback_is_refused_with_the_other_problems() throws IOException {
        edit("routes/github/search.yaml", "value: github.search.v1", "value: github.search.v7");

        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of("GITHUB_BASE_URL", "http://api.example.test/v3",
                "GITHUB_TOKEN", "ghp_would_travel_in_clear_0123456789")).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("baseUrl (GITHUB_BASE_URL) must be https, or http to a loopback host (127.0.0.0/8, ::1, localhost)"
                        + " unless allowInsecureHttp is true, but was http://api.example.test/v3")
                .hasMessageContaining("contract github.search.v7 not found")
                .hasMessageNotContaining("ghp_would_travel_in_clear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089", "http://127.42.0.7", "http://[::1]:8089", "http://localhost:8089", "http://LOCALHOST",
            "https://api.example.test"})
    void https_or_plain_http_to_loopback_starts(String baseUrl) {
        try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of("GITHUB_BASE_URL", baseUrl)).start()) {
            assertThat(integrator.operations().all()).hasSize(committedOperations());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://128.0.0.1", "http://127.0.0.1.example.test", "http://localhost.example.test", "http://[::2]",
            "http://0.0.0.0"})
    void hosts_that_only_look_like_loopback_are_refused(String baseUrl) {
        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of("GITHUB_BASE_URL", baseUrl)).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be https, or http to a loopback host");
    }

    @Test
    void plain_http_elsewhere_starts_when_the_provider_allows_it_and_the_start_says_so() throws IOException {
        edit("routes/github/provider.yaml", "provider: github", "provider: github\nallowInsecureHttp: true");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger("integrator");
        events.start();
        logger.addAppender(events);
        try (Integrator integrator = Integrator.builder().home(home.path())
                .env(Map.of("GITHUB_BASE_URL", "http://api.example.test/v3?key=hidden")).start()) {
            assertThat(integrator.operations().all()).hasSize(committedOperations());
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("github", "allowInsecureHttp", "http://api.example.test")
                .doesNotContain("hidden");
    }

    @Test
    void a_route_whose_operation_is_not_an_id_is_refused_saying_what_an_id_must_be() throws IOException {
        edit("routes/github/issues.yaml", "{name: operation, value: github.issues.list}", "{name: operation, value: github.issues}");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).contains("route github.issues.list: operation id must be "
                        + "<provider>.<resource>.<operation> (a lower-case provider; letters, digits, '-' and '_'), but was 'github.issues'"));
    }

    @Test
    void a_contract_that_is_not_yaml_names_its_file() throws IOException {
        Files.writeString(home.resolve("contracts/github.issues.v1.yaml"), "id: [unclosed\n");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("github.issues.v1.yaml: not valid YAML");
    }

    @Test
    void a_contract_whose_id_does_not_match_its_file_name_is_refused() throws IOException {
        edit("contracts/github.labels.v1.yaml", "id: github.labels.v1", "id: github.labels.v2");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("id 'github.labels.v2' does not match the file name");
    }

    @Test
    void a_route_file_that_is_not_camel_yaml_names_its_file() throws IOException {
        Files.writeString(home.resolve("routes/github/broken.yaml"), "- templatedRoute:\n    nonsense: [1\n");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void an_operation_outside_the_built_in_mappings_starts_once_its_mapping_is_given() throws IOException {
        addMirrorsResource();
        DtoMapping mapping = new DtoMapping("Repository", List.of("/full_name"), (body, response) -> body.path("full_name").asText());

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no DTO mapping for github.mirrors.v1.get");
        try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of()).mapping("github.mirrors.v1.get", mapping).start()) {
            assertThat(integrator.operations().contains("github.mirrors.get")).isTrue();
        }
    }

    @Test
    void a_given_mapping_cannot_replace_a_declared_one() {
        DtoMapping mapping = new DtoMapping("Repository", List.of(), (body, response) -> null);

        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of()).mapping("github.repos.v1.get", mapping).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mapping github.repos.v1.get from the builder: the operation is already mapped");
    }

    @Test
    void a_record_component_the_contract_gives_no_source_stops_the_start() throws IOException {
        edit("contracts/github.repos.v1.yaml", "    archived: {read: /archived, as: bool}\n", "");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contracts/github.repos.v1.yaml: mappings.Repository.archived: component has no source");
    }

    /** A copy of the repos contract as another resource, with one route and no declared mapping. */
    private void addMirrorsResource() throws IOException {
        String contract = Files.readString(home.resolve("contracts/github.repos.v1.yaml"))
                .replace("id: github.repos.v1", "id: github.mirrors.v1").replace("resource: repos", "resource: mirrors");
        assertThat(contract).contains("\nrecords: ", "\nmappings:\n");
        contract = contract.replaceFirst("(?s)\nrecords: .*\noperations:\n", "\noperations:\n");
        Files.writeString(home.resolve("contracts/github.mirrors.v1.yaml"), contract);
        Files.writeString(home.resolve("routes/github/mirrors.yaml"), String.join("\n",
                "- templatedRoute:",
                "    routeTemplateRef: integrator-operation",
                "    routeId: github.mirrors.get",
                "    parameters:",
                "      - {name: operation, value: github.mirrors.get}",
                "      - {name: method, value: GET}",
                "      - {name: path, value: \"/repos/{owner}/{repo}\"}",
                "      - {name: contract, value: github.mirrors.v1}",
                ""));
    }

    private void edit(String file, String from, String to) throws IOException {
        home.edit(file, from, to);
    }
}
