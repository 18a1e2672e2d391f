package dev.integrator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.ConfigurationException;
import dev.integrator.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain template's declaration, Kamelet style: each parameter with its type, default and description in
 * {@code chain.yaml}. Camel's template parameters know no type, so the types are read here and the text Camel loads
 * has them taken out. {@link #problems} is the check {@code verify} runs: every declared parameter is used, by the
 * template itself or by the Java that reads it back, and every used one is declared.
 */
public final class ChainTemplate {

    /** The types a parameter may declare: text, an integer, a number, or a name (an id such as github.issues.v2; may be empty). */
    public static final Set<String> TYPES = Set.of("string", "int", "number", "name");

    /** Where the chain template is in the jar. */
    public static final String RESOURCE = "dev/integrator/chain/chain.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    /** One declared parameter; {@code defaultValue} is null when the parameter is required. */
    public record Parameter(String name, String type, String defaultValue, String description) {

        /** Whether {@code value} is of this parameter's type. */
        public boolean accepts(String value) {
            return switch (type) {
                case "int" -> value.matches("-?[0-9]{1,9}");
                case "number" -> value.matches("-?[0-9]{1,9}(\\.[0-9]{1,9})?");
                case "name" -> value.matches("[A-Za-z0-9._-]*");
                default -> true;
            };
        }

        /** The type in words, for "must be ..., but was ...". */
        public String rule() {
            return switch (type) {
                case "int" -> "an integer";
                case "number" -> "a number";
                case "name" -> "a name (letters, digits, '.', '_', '-')";
                default -> "text";
            };
        }
    }

    private final Map<String, Parameter> parameters;
    private final Set<String> placeholders;
    private final String camelText;

    private ChainTemplate(Map<String, Parameter> parameters, Set<String> placeholders, String camelText) {
        this.parameters = parameters;
        this.placeholders = placeholders;
        this.camelText = camelText;
    }

    /** The template shipped in this jar, read once. */
    public static ChainTemplate shipped() {
        return Shipped.TEMPLATE;
    }

    private static final class Shipped {
        static final ChainTemplate TEMPLATE = load();
    }

    /**
     * A template given in Java in place of the shipped one, by an embedding application that measures or extends the
     * chain (the benchmarks run it one link at a time). It must declare the shipped template's parameters: route files
     * and the operations they define are checked against those.
     */
    public static ChainTemplate replacing(String text) {
        ChainTemplate chain;
        try {
            chain = parse(text);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("chain", List.of("the replacement chain template does not read: " + e.getMessage()));
        }
        if (!chain.parameters.keySet().equals(shipped().parameters.keySet())) {
            throw new ConfigurationException("chain", List.of("the replacement chain template must declare the parameters "
                    + new TreeSet<>(shipped().parameters.keySet()) + ", but declared " + new TreeSet<>(chain.parameters.keySet())));
        }
        return chain;
    }

    private static ChainTemplate load() {
        try (InputStream in = ChainTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the chain template " + RESOURCE + " is not in the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a chain template's text; a parameter without a known type is a bug in the template. */
    static ChainTemplate parse(String text) throws IOException {
        JsonNode chain = Json.YAML.readTree(text);
        Map<String, Parameter> declared = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>();
        for (JsonNode entry : chain) {
            JsonNode template = entry.path("routeTemplate");
            for (JsonNode p : template.path("parameters")) {
                String type = p.path("type").asText(null);
                String name = p.path("name").asText();
                if (type == null || !TYPES.contains(type)) {
                    throw new IllegalStateException("chain template parameter " + name + ": type must be one of " + new TreeSet<>(TYPES)
                            + ", but was " + type);
                }
                declared.put(name, new Parameter(name, type, p.path("defaultValue").asText(null), p.path("description").asText(null)));
                ((ObjectNode) p).remove("type");
            }
            Matcher m = PLACEHOLDER.matcher(Json.YAML.writeValueAsString(template.path("route")));
            while (m.find()) {
                used.add(m.group(1).trim());
            }
        }
        return new ChainTemplate(declared, used, Json.YAML.writeValueAsString(chain));
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The text for Camel: the template as written, without the types it does not know. */
    String camelText() {
        return camelText;
    }

    /**
     * Declared against used, both ways: a parameter no one reads is a setting that does nothing, and one read but not
     * declared is refused in every route file. {@code readInJava}: the names the Java that resolves operations reads.
     */
    public List<String> problems(Set<String> readInJava) {
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>(placeholders);
        used.addAll(readInJava);
        for (String name : parameters.keySet()) {
            if (!used.contains(name)) {
                problems.add(RESOURCE + ": parameter " + name + " is declared but neither the template nor the Java that reads it back uses it");
            }
        }
        for (String name : used) {
            if (!parameters.containsKey(name)) {
                problems.add(RESOURCE + ": parameter " + name + " is used " + (placeholders.contains(name) ? "by the template" : "in Java")
                        + " but not declared");
            }
        }
        return problems;
    }
}
