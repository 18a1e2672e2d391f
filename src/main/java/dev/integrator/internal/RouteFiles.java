package dev.integrator.internal;

import dev.integrator.ConfigurationException;
import dev.integrator.provider.ProviderLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the Camel YAML route files: {@code routes/chain.yaml} first (it defines the template), then every
 * {@code routes/<provider>/*.yaml} but the provider settings. Each file is loaded on its own so a problem
 * names its file; all problems are reported together. A file is first checked by {@link RouteRules} and only handed
 * to Camel when it says nothing that would create objects or run code.
 */
public final class RouteFiles {

    public static final String CHAIN = "chain.yaml";

    private RouteFiles() {
    }

    public static void load(CamelContext camel, Path routesDir) {
        List<Path> files = new ArrayList<>();
        files.add(routesDir.resolve(CHAIN));
        try (Stream<Path> all = Files.walk(routesDir, 2)) {
            all.filter(f -> f.getNameCount() - routesDir.getNameCount() == 2)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(ProviderLoader.FILE_NAME))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new ConfigurationException("routes", List.of(routesDir + ": cannot list route files: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            List<String> refused = RouteRules.check(file);
            if (!refused.isEmpty()) {
                // Not handed to Camel at all: loading is what would create the objects.
                problems.addAll(refused);
                continue;
            }
            try {
                Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
                PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            } catch (Exception e) {
                problems.add(file + ": " + rootMessage(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("routes", problems);
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !out.toString().contains(c.getMessage())) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }
}
