package dev.integrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.integrator.ConfigurationException;
import dev.integrator.Integrator;
import dev.integrator.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definition files are data: a route file, a contract or provider settings cannot make the process create an object
 * of a class they name, or run a script. Route files are checked against an allow-list before Camel sees them.
 */
class DefinitionCodeTest {

    private static final String TRIPWIRE = Tripwire.class.getName();

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
                .hasMessageContaining("extra.yaml: /0/beans: top-level entry 'beans' is not allowed");
    }

    @Test
    void a_second_yaml_document_is_checked_too() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - log: extra
                ---
                - beans:
                    - name: trip
                      type: %s
                """.formatted(TRIPWIRE));

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("extra.yaml: must hold one YAML document, but holds 2")
                .hasMessageContaining("extra.yaml: /0/beans: top-level entry 'beans' is not allowed");
    }

    @Test
    void class_references_class_endpoints_scripts_and_template_beans_are_all_reported_together() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - process:
                            ref: "#class:%1$s"
                        - to:
                            uri: "class:%1$s"
                        - to: "bean:integratorOutcome?method=succeed"
                        - setBody:
                            groovy: "new File('/tmp/x').text"
                        - setHeader:
                            name: x
                            simple: "${type:java.lang.Runtime.getRuntime}"
                        - bean:
                            beanType: %1$s
                """.formatted(TRIPWIRE));
        home.edit("routes/chain.yaml", "    route:\n      errorHandler:",
                "    beans:\n      - name: trip\n        type: \"#class:" + TRIPWIRE + "\"\n    route:\n      errorHandler:");

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        assertThat(((ConfigurationException) thrown).problems()).anySatisfy(p -> assertThat(p).contains("chain.yaml", "/0/routeTemplate/beans"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/0/process/ref", "#class:"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/1/to/uri", "class:"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/2/to", "bean:"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/3/setBody/groovy"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/4/setHeader/simple", "${type:"))
                .anySatisfy(p -> assertThat(p).contains("extra.yaml", "/0/route/from/steps/5/bean/beanType"));
    }

    @Test
    void simple_may_read_headers_and_properties_but_not_reach_the_context_the_environment_or_methods() throws IOException {
        write("routes/github/extra.yaml", """
                - route:
                    from:
                      uri: direct:extra
                      steps:
                        - setHeader:
                            name: made
                            simple: "${camelContext.getInjector().newInstance(${camelContext.getClassResolver().resolveClass('%s')})}"
                        - log: "home is ${env:HOME} and {{env:RABBITMQ_URL}}"
                        - setHeader:
                            name: y
                            simple: "${exchange.getContext()}"
                        - setHeader:
                            name: z
                            simple: "${header.x.getClass()}"
                        - setHeader:
                            name: fine
                            simple: "${header.owner}-${exchangeProperty[integrator.queue]}-${body}-${routeId}"
                """.formatted(TRIPWIRE));

        Throwable thrown = start();

        assertThat(Tripwire.CREATED).hasValue(0);
        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        List<String> problems = ((ConfigurationException) thrown).problems();
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("/0/route/from/steps/0/setHeader/simple", "${camelContext"))
                .anySatisfy(p -> assertThat(p).contains("/0/route/from/steps/1/log", "${env:HOME}"))
                .anySatisfy(p -> assertThat(p).contains("/0/route/from/steps/1/log", "{{env:"))
                .anySatisfy(p -> assertThat(p).contains("/0/route/from/steps/2/setHeader/simple", "${exchange.getContext()}"))
                .anySatisfy(p -> assertThat(p).contains("/0/route/from/steps/3/setHeader/simple", "${header.x.getClass()}"))
                .noneSatisfy(p -> assertThat(p).contains("/steps/4/"));
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
