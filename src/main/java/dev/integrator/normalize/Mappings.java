package dev.integrator.normalize;

import dev.integrator.github.GitHubNormalizers;
import java.util.HashMap;
import java.util.Map;

/** Every provider's DTO mappings, by {@code <contract id>.<operation>}: the one place a provider registers them. */
public final class Mappings {

    private Mappings() {
    }

    public static Map<String, DtoMapping> all() {
        Map<String, DtoMapping> all = new HashMap<>();
        all.putAll(GitHubNormalizers.all());
        return Map.copyOf(all);
    }
}
