package dev.integrator.internal;

import dev.integrator.ConfigurationException;
import dev.integrator.provider.ProviderLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the routes: the chain template from inside integrator (it is code: it names the application's own steps),
 * then every {@code routes/<provider>/*.yaml} but the provider settings. Each resource file is read once, checked by
 * {@link RouteRules} and, only when it holds nothing but uses of the chain template, that same text is handed to Camel.
 * Each file is loaded on its own so a problem names its file; all problems are reported together.
 */
public final class RouteFiles {

    /** The chain template, a resource of this jar. */
    public static final String CHAIN = "classpath:" + ChainTemplate.RESOURCE;
    /** Where the chain lived before it moved into the jar: a copy left there would look editable and is refused. */
    static final String OLD_CHAIN = "chain.yaml";

    private RouteFiles() {
    }

    /** Loads {@code chain} as the template, in place of the shipped one (see {@link ChainTemplate#replacing}). */
    public static void load(CamelContext camel, Path routesDir, ChainTemplate chain) {
        List<String> problems = new ArrayList<>();
        Set<String> parameters;
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(CHAIN, chain.camelText()));
            RouteTemplateDefinition template = ((ModelCamelContext) camel).getRouteTemplateDefinition(OperationResolver.TEMPLATE);
            parameters = template.getTemplateParameters().stream().map(RouteTemplateParameterDefinition::getName).collect(Collectors.toSet());
        } catch (Exception e) {
            String source = chain == ChainTemplate.shipped() ? CHAIN : "given to Integrator.Builder.chain";
            throw new IllegalStateException("the chain template " + source + " does not load: " + rootMessage(e), e);
        }
        Path oldChain = routesDir.resolve(OLD_CHAIN);
        if (Files.exists(oldChain)) {
            problems.add(oldChain + ": the chain ships inside integrator and is not read from routes/: delete this file "
                    + "(route files only fill in the parameters of template " + OperationResolver.TEMPLATE + ")");
        }
        for (Path file : resourceFiles(routesDir)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                List<String> refused = RouteRules.check(file.toString(), text, OperationResolver.TEMPLATE, parameters);
                if (!refused.isEmpty()) {
                    // Not handed to Camel at all: loading is what would create the objects.
                    problems.addAll(refused);
                    continue;
                }
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + file.toAbsolutePath(), text));
            } catch (Exception e) {
                problems.add(file + ": " + rootMessage(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("routes", problems);
        }
    }

    private static List<Path> resourceFiles(Path routesDir) {
        try (Stream<Path> all = Files.walk(routesDir, 2)) {
            return all.filter(f -> f.getNameCount() - routesDir.getNameCount() == 2)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(ProviderLoader.FILE_NAME))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException("routes", List.of(routesDir + ": cannot list route files: " + e.getMessage()));
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
