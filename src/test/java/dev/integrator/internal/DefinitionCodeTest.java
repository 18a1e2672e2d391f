package dev.integrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.integrator.ConfigurationException;
import dev.integrator.TempHome;
import dev.integrator.cli.Main;
import dev.integrator.runtime.Integrator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definition files are data: a route file, a contract or provider settings cannot make the process create an object
 * of a class they name, run a script, reach another component or read the environment. A route file may only use the
 * chain template (an allow-list, checked on the YAML Camel parses), and the Camel context itself resolves nothing but
 * {@code direct} endpoints and the template's own parameters.
 */
class DefinitionCodeTest {

    private static final String TRIPWIRE = Tripwire.class.getName();
    private static final String ONLY_TEMPLATED_ROUTES = "only templatedRoute entries of the chain template integrator-operation are allowed";

    @TempDir
    Path dir;
    private TempHome home;

    @BeforeEach
    void copyDefinitions() throws IOException {
        home = TempHome.copyOf(dir, "routes", "contracts");
        Tripwire.CREATED.set(0);
    }

    private Throwable start() {
        return catchThrowable(() -> Integrator.builder().home(home.path()).env(Map.of()).start().close());
    }

    /** Starts on the home and, if it starts, sends one message to {@code endpoint}: what a loaded route file could then do. */
    private Throwable startAndSend(String endpoint) {
        return catchThrowable(() -> {
            try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of()).start()) {
                integrator.camel().createProducerTemplate().sendBody(endpoint, "");
            }
        });
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(home.resolve(file), text);
    }

    @Test
    void a_route_file_declaring_beans_is_refused_before_any_is_created() throws IOException {
        write("routes/github/extra.yaml", """
                - beans:
                    - name: trip
                      type: %s
                """.formatted(TRIPWIRE));

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: /0/beans: " + ONLY_TEMPLATED_ROUTES + ", but found 'beans'");
    }

    @Test
    void a_second_yaml_document_is_refused() throws IOException {
        write("routes/github/extra.yaml", """
                - templatedRoute:
                    routeTemplateRef: integrator-operation
                    routeId: github.extra.get
                    parameters: [{name: operation, value: github.extra.get}]
                ---
                - beans:
                    - name: trip
                      type: %s
                """.formatted(TRIPWIRE));

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: must hold one YAML document, but holds 2");
    }

    @Test
    void a_templated_route_may_only_fill_in_the_declared_parameters_with_plain_values() throws IOException {
        write("routes/github/extra.yaml", """
                - templatedRoute:
                    routeTemplateRef: integrator-operation
                    routeId: github.extra.get
                    beans:
                      - name: trip
                        type: "#class:%1$s"
                    parameters:
                      - {name: operation, value: github.extra.get}
                      - {name: method, value: GET}
                      - {name: path, value: "{{PATH}}"}
                      - {name: contract, value: "${camelContext.getInjector().newInstance(${type:%1$s})}"}
                      - {name: maxAttempts, value: "#class:%1$s"}
                      - {name: requestsPerSecond, value: "1?{{!env:PATH}}"}
                      - {name: method, value: POST}
                      - {name: tripwire, value: "1"}
                - templatedRoute:
                    routeTemplateRef: my-own-template
                    routeId: github.extra.list
                    parameters: []
                - routeTemplate:
                    id: my-own-template
                """.formatted(TRIPWIRE));

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        String plain = "must hold only letters, digits, '.', '_', '~', ':', '-', '/' and {name} path variables";
        assertThat(((ConfigurationException) thrown).problems())
                .anySatisfy(p -> assertThat(p).contains("extra.yaml: /0/templatedRoute/beans: is not allowed (only routeTemplateRef, routeId, parameters)"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/2/value: " + plain + ", but was '{{PATH}}'"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/3/value: " + plain + ", but was '${camelContext"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/4/value: " + plain + ", but was '#class:"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/5/value: " + plain + ", but was '1?{{!env:PATH}}'"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/6/name: parameter method is given twice"))
                .anySatisfy(p -> assertThat(p).contains("/0/templatedRoute/parameters/7/name: must be a parameter of integrator-operation "
                        + "[binding, breakerGroup, contract, kind, maxAttempts, method, operation, path, rateLimitResource, requestsPerSecond], but was 'tripwire'"))
                .anySatisfy(p -> assertThat(p).contains("/1/templatedRoute/routeTemplateRef: must be integrator-operation, but was 'my-own-template'"))
                .anySatisfy(p -> assertThat(p).contains("/2/routeTemplate: " + ONLY_TEMPLATED_ROUTES));
    }

    @Test
    void a_dynamic_endpoint_cannot_build_a_class_endpoint_out_of_a_header() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - setHeader:
                            name: a
                            constant: cla
                        - toD: "${header.a}ss:%1$s"
                        - recipientList:
                            simple: "${header.a}ss:%1$s"
                        - enrich:
                            simple: "${header.a}ss:%1$s"
                        - routingSlip:
                            simple: "${header.a}ss:%1$s"
                        - wireTap:
                            uri: "${header.a}ss:%1$s"
                """.formatted(TRIPWIRE));

        Throwable thrown = startAndSend("direct:extra");

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: /0/route: " + ONLY_TEMPLATED_ROUTES);
    }

    @Test
    void a_dynamic_endpoint_resolves_no_component_but_direct_at_run_time() throws Exception {
        try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of()).start()) {
            CamelContext camel = integrator.camel();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:probe").toD("${header.target}");
                }
            });

            ProducerTemplate producer = camel.createProducerTemplate();
            Exchange toClass = producer.send("direct:probe", e -> e.getMessage().setHeader("target", "class:" + TRIPWIRE));
            Exchange toBean = producer.send("direct:probe", e -> e.getMessage().setHeader("target", "bean:integratorOutcome?method=succeed"));

            assertThat(Tripwire.CREATED).hasValue(0);
            assertThat(toClass.getException()).hasMessageContaining("No endpoint could be found for: class:");
            assertThat(toBean.getException()).hasMessageContaining("bean: endpoints are not available");
            assertThat(camel.hasComponent("class")).isNull();
        }
    }

    @Test
    void a_placeholder_cannot_read_the_environment_or_system_properties() throws IOException {
        String path = System.getenv("PATH");
        assertThat(path).as("the test reads an environment variable every process has").isNotBlank();
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:env
                      steps:
                        - setBody:
                            constant: "{{PATH}}"
                - route:
                    from:
                      uri: direct:sys
                      steps:
                        - setBody:
                            constant: "{{java.home}}"
                """);

        Throwable thrown = catchThrowable(() -> {
            try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of()).start()) {
                ProducerTemplate producer = integrator.camel().createProducerTemplate();
                assertThat(producer.requestBody("direct:env", "", String.class)).doesNotContain(path);
                assertThat(producer.requestBody("direct:sys", "", String.class)).doesNotContain(System.getProperty("java.home"));
            }
        });

        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: /0/route: " + ONLY_TEMPLATED_ROUTES)
                .hasMessageContaining("extra.yaml: /1/route: " + ONLY_TEMPLATED_ROUTES);
    }

    @Test
    void the_context_resolves_no_placeholder_from_the_environment_or_system_properties() {
        String path = System.getenv("PATH");
        String javaHome = System.getProperty("java.home");
        try (Integrator integrator = Integrator.builder().home(home.path()).env(Map.of()).start()) {
            CamelContext camel = integrator.camel();

            for (String placeholder : List.of("{{PATH}}", "{{env:PATH}}", "{{!env:PATH}}", "{{env.PATH}}", "{{sysenv:PATH}}",
                    "{{java.home}}", "{{sys:java.home}}")) {
                assertThat(resolved(camel, placeholder)).as(placeholder).doesNotContain(path).doesNotContain(javaHome);
            }
        }
    }

    /** What a placeholder resolves to, or why it does not. */
    private static String resolved(CamelContext camel, String placeholder) {
        try {
            return camel.resolvePropertyPlaceholders(placeholder);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void an_alias_cannot_carry_a_value_the_check_saw_as_its_name() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    description: &x "class:%s"
                    from:
                      uri: direct:extra
                      steps:
                        - to: *x
                """.formatted(TRIPWIRE));

        Throwable thrown = startAndSend("direct:extra");

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml:2:18: anchor &x is not allowed")
                .hasMessageContaining("extra.yaml:6:15: alias *x is not allowed");
    }

    @Test
    void a_tag_is_refused_even_on_a_value_that_would_pass() throws IOException {
        home.edit("routes/github/repos.yaml", "{name: method, value: GET}", "{name: method, value: !!str GET}");

        assertThat(start()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("repos.yaml:7:31: tag tag:yaml.org,2002:str is not allowed");
    }

    @Test
    void throw_exception_cannot_create_an_exception_of_a_class_it_names() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - throwException:
                            exceptionType: %s
                            message: boom
                """.formatted(TripwireException.class.getName()));

        Throwable thrown = startAndSend("direct:extra");

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: /0/route: " + ONLY_TEMPLATED_ROUTES);
    }

    @Test
    void a_chain_left_in_the_routes_folder_is_refused_rather_than_loaded() throws IOException {
        write("routes/chain.yaml", """
                - routeTemplate:
                    id: integrator-operation
                    parameters:
                      - {name: operation}
                      - {name: method}
                      - {name: path}
                      - {name: contract}
                      - {name: maxAttempts, defaultValue: "0"}
                      - {name: requestsPerSecond, defaultValue: "0"}
                    route:
                      from:
                        uri: "direct:{{operation}}"
                        steps:
                          - setHeader:
                              name: a
                              constant: cla
                          - toD: "${header.a}ss:%s"
                """.formatted(TRIPWIRE));

        Throwable thrown = startAndSend("direct:github.repos.get");

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("chain.yaml: the chain ships inside integrator and is not read from routes/");
    }

    @Test
    void a_refused_route_file_stops_the_command_line_with_exit_3_naming_the_file_and_the_rule() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - throwException:
                            exceptionType: %s
                            message: boom
                """.formatted(TripwireException.class.getName()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"call", "github.repos.get", "owner=apache", "repo=camel"},
                Map.of("INTEGRATOR_HOME", home.path().toString(), "GITHUB_BASE_URL", "http://127.0.0.1:9"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("extra.yaml: /0/route: " + ONLY_TEMPLATED_ROUTES);
    }

    @Test
    void the_routes_as_committed_pass_the_allow_list() {
        assertThat(start()).isNull();
    }

    @Test
    void a_yaml_class_tag_in_a_contract_or_provider_settings_constructs_nothing() throws IOException {
        home.edit("contracts/github.repos.v1.yaml", "  producedBy: \"integrator maintainers\"",
                "  producedBy: !!" + TRIPWIRE + " \"integrator maintainers\"");
        home.edit("contracts/github.labels.v1.yaml", "id: github.labels.v1",
                "id: github.labels.v1\nx-note: !!" + TRIPWIRE + " {}");
        home.edit("routes/github/provider.yaml", "provider: github",
                "provider: github\nops-extra: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"
                        + "tripwire: !!" + TRIPWIRE + " {}");

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).as("tags are read as plain data or refused, never constructed").hasValue(0);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ConfigurationException.class);
        }
    }
}
