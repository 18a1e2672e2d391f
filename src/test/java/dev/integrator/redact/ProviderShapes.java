package dev.integrator.redact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The secret shapes a provider's settings declare, read from the repository's {@code routes/<provider>/provider.yaml}. */
public final class ProviderShapes {

    private ProviderShapes() {
    }

    public static List<String> of(String provider) {
        try {
            JsonNode settings = Json.YAML.readTree(Path.of("routes", provider, "provider.yaml").toFile());
            List<String> shapes = new ArrayList<>();
            settings.path("secretShapes").forEach(shape -> shapes.add(shape.asText()));
            return shapes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
