package dev.integrator.chain;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every operation the routes define, by operation id (which is also its route id). */
public final class Operations {

    private final Map<String, OperationSpec> byId;

    public Operations(Map<String, OperationSpec> byId) {
        this.byId = Map.copyOf(byId);
    }

    public OperationSpec get(String id) {
        OperationSpec spec = byId.get(id);
        if (spec == null) {
            throw IntegrationException.of(ErrorCode.INVALID_REQUEST, "unknown operation '" + id + "'").notSent().build();
        }
        return spec;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public Collection<OperationSpec> all() {
        return byId.values();
    }

    /**
     * Every provider's breaker states for the health report: {@code breaker}, its default group's, and {@code breakers},
     * every group's by name.
     */
    public Map<String, Object> breakerStates() {
        Map<String, Object> providers = new LinkedHashMap<>();
        providers().forEach(p -> {
            Map<String, String> breakers = new LinkedHashMap<>();
            p.breakers().forEach(b -> breakers.put(b.name(), b.circuitBreaker().getState().name()));
            providers.put(p.config().provider(), Map.of("breaker", p.breaker().getState().name(), "breakers", breakers));
        });
        return providers;
    }

    /** The providers the operations belong to, each once, by name. */
    public List<ProviderRuntime> providers() {
        return byId.values().stream().map(OperationSpec::provider).distinct()
                .sorted(Comparator.comparing(p -> p.config().provider())).toList();
    }
}
