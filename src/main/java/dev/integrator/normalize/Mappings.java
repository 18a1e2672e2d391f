package dev.integrator.normalize;

import dev.integrator.contract.Contract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every operation's DTO mapping, by {@code <contract id>.<operation>}: declared in the contracts, from a
 * {@link DtoMappingProvider} on the class path, or given by the embedding application. Built once at start.
 */
public final class Mappings {

    private Mappings() {
    }

    /** The mappings of every contract that is not retired, then the Java ones; every problem joins {@code problems}. */
    public static Map<String, DtoMapping> build(Map<String, Contract> contracts, Map<String, DtoMapping> given, List<String> problems) {
        Map<String, DtoMapping> all = new HashMap<>();
        contracts.values().stream().filter(c -> !c.status().equals("retired"))
                .forEach(c -> all.putAll(DeclaredMappings.of(c, problems)));
        for (DtoMappingProvider provider : ServiceLoader.load(DtoMappingProvider.class)) {
            add(all, provider.mappings(), provider.getClass().getName(), problems);
        }
        add(all, given, "the builder", problems);
        return Map.copyOf(all);
    }

    private static void add(Map<String, DtoMapping> all, Map<String, DtoMapping> java, String from, List<String> problems) {
        java.forEach((key, mapping) -> {
            if (all.putIfAbsent(key, mapping) != null) {
                problems.add("mapping " + key + " from " + from + ": the operation is already mapped (in its contract"
                        + " or by another provider); keep one mapping");
            }
        });
    }
}
