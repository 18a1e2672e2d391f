package dev.integrator.normalize;

import dev.integrator.normalize.sample.Receipt;
import java.util.List;
import java.util.Map;

/** A Java mapping found through ServiceLoader (listed in the test class path's META-INF/services). */
public final class SampleMappingProvider implements DtoMappingProvider {

    static final String KEY = "sample.receipts.v1.get";

    @Override
    public Map<String, DtoMapping> mappings() {
        return Map.of(KEY, new DtoMapping("Receipt", List.of("/number"), (body, response) -> new Receipt(body.path("number").asText())));
    }
}
