package dev.integrator.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.contract.ContractLoader;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.Path;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A mapping's declared reads are complete: a good fixture's body pruned to exactly those fields normalizes to the
 * same DTO. If a normalizer read an undeclared field, verify could not check the contract requires it.
 */
class MappingReadsTest {

    @TestFactory
    Stream<DynamicTest> a_body_pruned_to_the_declared_reads_gives_the_same_dto() {
        List<String> problems = new ArrayList<>();
        Map<String, DtoMapping> mappings = Mappings.build(ContractLoader.loadAll(Path.of("contracts"), problems), Map.of(), problems);
        assertThat(problems).isEmpty();
        return Fixtures.loadAll(Path.of("fixtures")).stream().filter(Fixture::good).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
            String op = f.operation().substring(f.operation().lastIndexOf('.') + 1);
            DtoMapping mapping = mappings.get(f.contract() + "." + op);
            assertThat(mapping).as("mapping for %s.%s", f.contract(), op).isNotNull();
            UpstreamResponse response = new UpstreamResponse(f.response().status(),
                    f.response().headers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                    f.response().body().toString().getBytes(StandardCharsets.UTF_8), URI.create("http://127.0.0.1/"));
            Set<String> reads = mapping.reads().stream().map(DtoMapping::pointer).collect(Collectors.toSet());

            JsonNode pruned = prune(f.response().body(), "", reads);

            Object full = mapping.normalizer().normalize(f.response().body(), response);
            Object fromReads = mapping.normalizer().normalize(pruned, response);
            JsonNode expected = Json.MAPPER.valueToTree(full);
            JsonNode actual = Json.MAPPER.valueToTree(fromReads);
            assertThat(actual).isEqualTo(expected);
            assertThat(pruned.toString().length()).as("pruning removed something").isLessThan(f.response().body().toString().length());
        }));
    }

    /** Keeps a field only if its pointer (array items as *) is a declared read or lies on the way to one. */
    private static JsonNode prune(JsonNode node, String path, Set<String> reads) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> {
                String child = path + "/" + e.getKey();
                if (reads.stream().anyMatch(r -> r.equals(child) || r.startsWith(child + "/"))) {
                    out.set(e.getKey(), prune(e.getValue(), child, reads));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(prune(item, path + "/*", reads)));
            return out;
        }
        return node;
    }
}
