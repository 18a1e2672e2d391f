package dev.integrator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.ConfigurationException;
import dev.integrator.TempHome;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain template's parameters are declared with type, default and description, and declared matches used. */
class ChainTemplateTest {

    private static final String CHAIN = """
            - routeTemplate:
                id: integrator-operation
                parameters:
                  - name: operation
                    type: name
                    description: the operation id
                  - name: maxAttempts
                    type: int
                    defaultValue: "0"
                    description: attempts
                  - name: forgotten
                    type: string
                    defaultValue: ""
                    description: read by no one
                route:
                  from:
                    uri: "direct:{{operation}}"
                    steps:
                      - to: "direct:{{undeclared}}"
            """;

    @Test
    void the_shipped_template_declares_every_parameter_with_a_type_and_uses_each_one() {
        ChainTemplate shipped = ChainTemplate.shipped();

        assertThat(shipped.parameters().keySet()).containsExactlyInAnyOrderElementsOf(OperationResolver.READS);
        assertThat(shipped.parameters().values()).allSatisfy(p -> {
            assertThat(ChainTemplate.TYPES).contains(p.type());
            assertThat(p.description()).isNotBlank();
        });
        assertThat(shipped.parameters().get("maxAttempts")).isEqualTo(new ChainTemplate.Parameter("maxAttempts", "int", "0",
                "Attempts for this operation; 0 takes the provider's retry.maxAttempts"));
        assertThat(shipped.problems(OperationResolver.READS)).isEmpty();
    }

    @Test
    void camel_gets_the_template_without_the_types_it_does_not_know() throws Exception {
        ChainTemplate template = ChainTemplate.parse(CHAIN);

        assertThat(template.camelText()).doesNotContain("type:").contains("direct:{{operation}}", "defaultValue");
    }

    @Test
    void a_parameter_declared_but_unused_and_one_used_but_undeclared_are_both_reported() throws Exception {
        ChainTemplate template = ChainTemplate.parse(CHAIN);

        assertThat(template.problems(Set.of("maxAttempts", "breakerGroup"))).containsExactlyInAnyOrder(
                "dev/integrator/chain/chain.yaml: parameter forgotten is declared but neither the template nor the Java that reads it back uses it",
                "dev/integrator/chain/chain.yaml: parameter breakerGroup is used in Java but not declared",
                "dev/integrator/chain/chain.yaml: parameter undeclared is used by the template but not declared");
    }

    @Test
    void a_route_value_that_is_not_of_the_declared_type_stops_the_start(@TempDir Path dir) throws IOException {
        TempHome home = TempHome.copyOf(dir, "routes", "contracts");
        home.edit("routes/github/issues.yaml", "{name: requestsPerSecond, value: \"1\"}",
                "{name: requestsPerSecond, value: \"1\"}\n      - {name: maxAttempts, value: \"2.5\"}");

        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of()).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("operation github.issues.create: maxAttempts must be an integer, but was 2.5");
    }

    @Test
    void a_parameter_without_a_known_type_is_refused() {
        assertThatThrownBy(() -> ChainTemplate.parse(CHAIN.replace("type: int", "type: integer")))
                .hasMessageContaining("chain template parameter maxAttempts: type must be one of [int, name, number, string], but was integer");
    }
}
