package dev.integrator.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a route file may say, checked on its YAML tree before Camel loads it: route files are data, so nothing in them
 * may make Camel create an object of a class it names or run a script. Camel's YAML DSL otherwise can: top-level
 * {@code beans}, {@code beanType}, template beans, {@code #class:} / {@code #type:} references in any value, the
 * {@code class:}, {@code bean:} and {@code language:} endpoints, and the scripting languages. Allowed: the entries
 * {@code routeTemplate}, {@code templatedRoute} and {@code route}; the expression languages simple, constant,
 * header and exchangeProperty (simple only reading the body, ids, headers, properties and variables); registry beans by name
 * ({@code process: ref}, {@code bean: ref}), which only the application registers.
 */
final class RouteRules {

    private static final Set<String> TOP_LEVEL = Set.of("routeTemplate", "templatedRoute", "route");
    private static final Set<String> FORBIDDEN_KEYS = Set.of("beans", "beanType", "templateBean", "scriptLanguage", "script");
    /** Camel's languages but the four allowed ones; {@code method} (the bean-call language) is allowed only as a bean EIP's method name. */
    private static final Set<String> FORBIDDEN_LANGUAGES = Set.of("groovy", "java", "joor", "js", "javaScript", "python", "mvel",
            "ognl", "spel", "csimple", "datasonnet", "jq", "jsonpath", "xpath", "xquery", "xtokenize", "tokenize", "hl7terser",
            "wasm", "language", "variable", "file");
    /** Property-binding prefixes that create or convert to an object of a named class, and simple's other opening. */
    private static final List<String> FORBIDDEN_TEXT = List.of("#class:", "#type:", "#new:", "#valueAs(", "$simple{");
    /**
     * The only simple expressions allowed: the body and ids, and reading a header, property or variable by name. Any
     * other (${camelContext...}, ${exchange.getContext()}, ${env:...}, ${bean:...}, OGNL method calls) reaches objects,
     * classes or the environment, so a route file could create objects or print secrets with it.
     */
    private static final Pattern ALLOWED_SIMPLE = Pattern.compile(
            "\\$\\{(?:body|routeId|exchangeId|id|messageId|(?:header|headers|exchangeProperty|variable)(?:\\.[\\w-]+|\\[[\\w.-]+]))}");
    /** Property placeholder functions ({{env:X}}, {{sys:X}}, {{sysenv:X}}) read the environment; template parameters are plain names. */
    private static final Pattern PLACEHOLDER_FUNCTION = Pattern.compile("\\{\\{\\s*\\??[\\w-]+:");
    private static final Pattern FORBIDDEN_SCHEME = Pattern.compile("^\\s*(class|bean|language)\\s*:", Pattern.CASE_INSENSITIVE);

    private RouteRules() {
    }

    /** Every problem in {@code file}, each naming the file and the path to the offending entry. */
    static List<String> check(Path file) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> documents = new ArrayList<>();
        // Every document, not just the first: a later one must not slip past the check.
        try (JsonParser parser = Json.YAML.createParser(file.toFile())) {
            for (JsonNode document = Json.YAML.readTree(parser); document != null; document = Json.YAML.readTree(parser)) {
                documents.add(document);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return problems;
        }
        if (documents.size() != 1) {
            problems.add(file + ": must hold one YAML document, but holds " + documents.size());
        }
        for (JsonNode root : documents) {
            if (!root.isArray()) {
                problems.add(file + ": must be a YAML list of routeTemplate, templatedRoute or route entries");
                continue;
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode entry = root.get(i);
                if (!entry.isObject() || entry.size() != 1) {
                    problems.add(file + ": /" + i + ": each entry must be a mapping with one key");
                    continue;
                }
                String key = entry.fieldNames().next();
                String path = "/" + i + "/" + key;
                if (!TOP_LEVEL.contains(key)) {
                    problems.add(file + ": " + path + ": top-level entry '" + key + "' is not allowed (only " + String.join(", ", List.of(
                            "routeTemplate", "templatedRoute", "route")) + ")");
                    continue;
                }
                walk(file, path, null, entry.get(key), problems);
            }
        }
        return problems;
    }

    private static void walk(Path file, String path, String parentKey, JsonNode node, List<String> problems) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                String at = path + "/" + key;
                if (FORBIDDEN_KEYS.contains(key)) {
                    problems.add(file + ": " + at + ": '" + key + "' is not allowed: it creates objects from class names");
                } else if (FORBIDDEN_LANGUAGES.contains(key)) {
                    problems.add(file + ": " + at + ": language '" + key + "' is not allowed (only simple, constant, header, exchangeProperty)");
                } else if (key.equals("method") && !("bean".equals(parentKey) && field.getValue().isTextual())) {
                    problems.add(file + ": " + at + ": the method language is not allowed; call a registry bean with bean: {ref, method}");
                } else {
                    walk(file, at, key, field.getValue(), problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(file, path + "/" + i, parentKey, node.get(i), problems);
            }
        } else if (node.isTextual() && !"description".equals(parentKey)) {
            String text = node.asText();
            String lower = text.toLowerCase(Locale.ROOT);
            for (String forbidden : FORBIDDEN_TEXT) {
                if (lower.contains(forbidden.toLowerCase(Locale.ROOT))) {
                    problems.add(file + ": " + path + ": '" + forbidden + "' is not allowed: it reaches a class by name");
                }
            }
            for (int at = text.indexOf("${"); at >= 0; at = text.indexOf("${", at + 2)) {
                var allowed = ALLOWED_SIMPLE.matcher(text).region(at, text.length());
                if (!allowed.lookingAt()) {
                    problems.add(file + ": " + path + ": simple expression '" + excerpt(text, at) + "' is not allowed (only ${body}, "
                            + "${routeId}, ${exchangeId}, and ${header.name}, ${exchangeProperty.name}, ${variable.name})");
                }
            }
            if (PLACEHOLDER_FUNCTION.matcher(text).find()) {
                problems.add(file + ": " + path + ": property functions such as {{env:...}} are not allowed: they read the environment");
            }
            if (FORBIDDEN_SCHEME.matcher(text).find()) {
                problems.add(file + ": " + path + ": endpoint '" + text.substring(0, text.indexOf(':') + 1).trim()
                        + "' is not allowed: it creates or calls objects by name");
            }
        }
    }

    /** The expression starting at {@code at}, to its closing brace or 60 characters. */
    private static String excerpt(String text, int at) {
        int end = text.indexOf('}', at);
        return text.substring(at, end < 0 ? Math.min(text.length(), at + 60) : Math.min(end + 1, at + 60));
    }
}
