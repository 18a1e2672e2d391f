package dev.integrator.webhook.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.Contract;
import dev.integrator.contract.EventContract;
import dev.integrator.contract.EventContractLoader;
import dev.integrator.contract.Violation;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.normalize.Mappings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event contracts the ingress validates deliveries against, with their DTO mappings compiled once at start. A
 * delivery is read by the newest active version of its event's contract: a new version is added beside the old one,
 * which is then deprecated, as for responses.
 */
public final class EventCatalog {

    private final Map<String, EventContract> contracts;
    private final Map<String, EventContract> current = new HashMap<>();
    private final Map<String, DtoMapping> mappings;

    private EventCatalog(Map<String, EventContract> contracts, Map<String, DtoMapping> mappings) {
        this.contracts = contracts;
        this.mappings = mappings;
        contracts.values().stream().filter(c -> c.status().equals("active")).forEach(c
                -> current.merge(key(c.provider(), c.event()), c,
                (a, b) -> a.version() >= b.version() ? a : b));
    }

    /** Loads {@code contracts/*.events.*.yaml} and compiles their mappings; every problem joins {@code problems}. */
    public static EventCatalog load(Path contractsDir, List<String> problems) {
        Map<String, EventContract> contracts = EventContractLoader.loadAll(contractsDir, problems);
        Map<String, Contract> views = new LinkedHashMap<>();
        contracts.values().stream().filter(c -> !c.status().equals("retired")).forEach(c -> views.put(c.id(),
                c.asContract()));
        return new EventCatalog(contracts, Mappings.build(views, Map.of(), problems));
    }

    private static String key(String provider, String event) {
        return provider + "\n" + event;
    }

    /** Every loaded contract, by id. */
    public Map<String, EventContract> all() {
        return Map.copyOf(contracts);
    }

    /** The contract a delivery of this event is read by, or null when there is none. */
    public EventContract contract(String provider, String event) {
        return current.get(key(provider, event));
    }

    /** What a payload becomes under its contract: the DTO, or the violations that make it drift. */
    public record Reading(Object dto, List<Violation> violations) {
        public boolean drift() {
            return !violations.isEmpty();
        }
    }

    /**
     * Validates the payload and normalizes it into the DTO. A payload the mapping still cannot read (a value its
     * record refuses) is drift too, with the mapping's reason.
     */
    public Reading read(EventContract contract, JsonNode payload) {
        List<Violation> violations = contract.validate(payload);
        if (!violations.isEmpty()) {
            return new Reading(null, violations);
        }
        DtoMapping mapping = mappings.get(contract.id() + "." + EventContract.RECEIVE);
        try {
            return new Reading(mapping.normalizer().normalize(payload, null), List.of());
        } catch (RuntimeException e) {
            return new Reading(null, List.of(new Violation("", "normalize", String.valueOf(e.getMessage()))));
        }
    }
}
