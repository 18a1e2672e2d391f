package dev.integrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.OperationId;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chain template names its steps by string and cannot import a Java constant: the names it refers to and the
 * names the integrator binds are held to the one list in {@link ChainBeans}.
 */
class ChainBeansTest {

    @Test
    void every_step_the_template_refers_to_is_in_the_list_and_every_step_in_the_list_is_referred_to() throws IOException {
        Set<String> referred = new TreeSet<>();
        Set<String> breakers = new TreeSet<>();
        for (JsonNode entry : template()) {
            collect(entry, referred, breakers);
        }

        assertThat(referred).containsExactlyInAnyOrderElementsOf(ChainBeans.STEPS);
        assertThat(breakers).containsExactly(ChainBeans.BREAKER_PREFIX + "{{operation}}");
    }

    @Test
    void a_started_integrator_binds_every_step_and_each_operations_breaker_under_those_names() {
        try (Integrator integrator = Integrator.builder().env(Map.of()).start()) {
            var registry = integrator.camel().getRegistry();

            assertThat(ChainBeans.STEPS).allSatisfy(name -> assertThat(registry.lookupByName(name)).as(name).isNotNull());
            assertThat(integrator.operations().all()).allSatisfy(op -> assertThat(registry.lookupByName(
                    ChainBeans.breaker(OperationId.parse(op.id())))).as(op.id()).isNotNull());
        }
    }

    private static JsonNode template() throws IOException {
        try (InputStream in = ChainBeansTest.class.getResourceAsStream("/" + RouteFiles.CHAIN.substring("classpath:".length()))) {
            return Json.YAML.readTree(in);
        }
    }

    /** Every {@code ref} and {@code ...Ref} value (a step), and every circuit breaker's name. */
    private static void collect(JsonNode node, Set<String> referred, Set<String> breakers) {
        node.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && (field.getKey().equals("ref") || field.getKey().endsWith("Ref"))) {
                referred.add(field.getValue().asText());
            } else if (field.getKey().equals("resilience4jConfiguration")) {
                breakers.add(field.getValue().path("circuitBreaker").asText());
            }
        });
        node.forEach(child -> collect(child, referred, breakers));
    }
}
