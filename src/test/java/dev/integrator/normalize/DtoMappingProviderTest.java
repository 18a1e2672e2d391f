package dev.integrator.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractOperation;
import dev.integrator.json.Json;
import dev.integrator.normalize.sample.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mapping that cannot be declared comes from a DtoMappingProvider on the class path; it never competes with a declared one. */
class DtoMappingProviderTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void an_operation_its_contract_does_not_map_gets_the_mapping_of_a_provider_on_the_class_path() {
        Map<String, DtoMapping> mappings = Mappings.build(Map.of("sample.receipts.v1", receipts(Json.MAPPER.createObjectNode())), Map.of(), problems);

        ObjectNode body = Json.MAPPER.createObjectNode().put("number", "R-7");
        assertThat(problems).isEmpty();
        assertThat(mappings.get(SampleMappingProvider.KEY).normalizer().normalize(body, null)).isEqualTo(new Receipt("R-7"));
    }

    @Test
    void a_provider_mapping_an_operation_its_contract_maps_too_is_a_configuration_problem() {
        ObjectNode declared = Json.MAPPER.createObjectNode();
        declared.putObject("Receipt").putObject("number").put("read", "/number").put("as", "string");

        Mappings.build(Map.of("sample.receipts.v1", receipts(declared)), Map.of(), problems);

        assertThat(problems).containsExactly("mapping sample.receipts.v1.get from dev.integrator.normalize.SampleMappingProvider:"
                + " the operation is already mapped (in its contract or by another provider); keep one mapping");
    }

    private static Contract receipts(ObjectNode mappings) {
        ContractOperation get = new ContractOperation("sample.receipts.v1", "get", "receipts/get", "Receipt", Map.of(), 200, null, null, null);
        return new Contract("sample.receipts.v1", "sample", "receipts", 1, "active", Map.of(), Map.of("get", get),
                "dev.integrator.normalize.sample", mappings, null);
    }
}
