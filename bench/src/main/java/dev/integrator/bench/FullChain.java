package dev.integrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * (d) Our full chain: {@code github.issues.list} through the routes of {@code home}, against the stub. The provider
 * budget is raised far above the load (GitHub's is 1 request/s) so that it paces nothing; every link still runs.
 * The same class runs the chain variants of the per-link measurement, which differ only in the chain template.
 */
public final class FullChain implements Scenario {

    public static final String UNLIMITED = "{\"budget\": {\"requestsPerSecond\": 1000000, \"burst\": 1000000}}";

    private final String name;
    private final Integrator integrator;
    private final Map<Payload, Map<String, Object>> params = new EnumMap<>(Payload.class);

    public FullChain(String name, Path home, String baseUrl) {
        this(name, home, null, baseUrl, UNLIMITED, Map.of());
    }

    /** {@code chain}: a chain template in place of the shipped one (a per-link variant), or null. */
    public FullChain(String name, Path home, String chain, String baseUrl) {
        this(name, home, chain, baseUrl, UNLIMITED, Map.of());
    }

    public FullChain(String name, Path home, String baseUrl, String settings, Map<String, String> env) {
        this(name, home, null, baseUrl, settings, env);
    }

    private FullChain(String name, Path home, String chain, String baseUrl, String settings, Map<String, String> env) {
        this.name = name;
        Map<String, String> all = new HashMap<>(env);
        all.put("GITHUB_BASE_URL", baseUrl);
        Integrator.Builder builder = Integrator.builder().home(home).env(all).override("github", json(settings));
        this.integrator = (chain == null ? builder : builder.chain(chain)).start();
        for (Payload p : Payload.values()) {
            params.put(p, Map.of("owner", "o", "repo", p.repo));
        }
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Integrator integrator() {
        return integrator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object call(Payload payload) {
        return integrator.request("github.issues.list", params.get(payload), Object.class);
    }

    @Override
    public void close() {
        integrator.close();
    }
}
