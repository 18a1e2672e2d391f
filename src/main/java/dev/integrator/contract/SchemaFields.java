package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A schema flattened into its fields: JSON pointer patterns ({@code *} for every array item) with their types,
 * whether the parent requires them, and their enum. Local {@code $ref}s are resolved; the alternatives of
 * {@code oneOf}/{@code anyOf} merge (types united, required only if every alternative requires it). Verify and
 * diff read contracts through this.
 */
public final class SchemaFields {

    /** One field; {@code enumValues} is null when the field has no enum. */
    public record Field(Set<String> types, boolean required, List<String> enumValues) {
    }

    private static final int MAX_DEPTH = 32;

    private SchemaFields() {
    }

    /** Flattens a self-contained schema document (its shared definitions under {@code $defs}). */
    public static Map<String, Field> of(JsonNode document) {
        Map<String, Field> fields = new TreeMap<>();
        walk(document, document, "", true, fields, 0);
        return fields;
    }

    private static void walk(JsonNode root, JsonNode node, String path, boolean required, Map<String, Field> out, int depth) {
        node = resolve(root, node);
        if (depth > MAX_DEPTH || node == null || !node.isObject()) {
            return;
        }
        List<JsonNode> alternatives = new ArrayList<>();
        for (String combinator : List.of("oneOf", "anyOf")) {
            node.path(combinator).forEach(alt -> alternatives.add(resolve(root, alt)));
        }
        Set<String> types = new LinkedHashSet<>(types(node));
        alternatives.forEach(alt -> types.addAll(types(alt)));
        List<String> enumValues = null;
        if (node.has("enum")) {
            enumValues = new ArrayList<>();
            for (JsonNode v : node.get("enum")) {
                enumValues.add(v.isNull() ? "null" : v.asText());
            }
        }
        merge(out, path, new Field(types, required, enumValues));
        children(root, node, path, out, depth);
        // A property inside alternatives is required only if every object alternative requires it.
        Map<String, Field> fromAlternatives = null;
        for (JsonNode alt : alternatives) {
            Map<String, Field> one = new TreeMap<>();
            children(root, alt, path, one, depth);
            if (!types(alt).contains("object") && !alt.has("properties")) {
                continue;
            }
            if (fromAlternatives == null) {
                fromAlternatives = one;
            } else {
                for (var e : one.entrySet()) {
                    Field prev = fromAlternatives.get(e.getKey());
                    fromAlternatives.put(e.getKey(), prev == null ? weaken(e.getValue()) : union(prev, e.getValue()));
                }
                for (var e : fromAlternatives.entrySet()) {
                    if (!one.containsKey(e.getKey())) {
                        e.setValue(weaken(e.getValue()));
                    }
                }
            }
        }
        if (fromAlternatives != null) {
            fromAlternatives.forEach((p, f) -> merge(out, p, f));
        }
    }

    private static void children(JsonNode root, JsonNode node, String path, Map<String, Field> out, int depth) {
        Set<String> requiredNames = new LinkedHashSet<>();
        node.path("required").forEach(n -> requiredNames.add(n.asText()));
        node.path("properties").fields().forEachRemaining(e ->
                walk(root, e.getValue(), path + "/" + e.getKey(), requiredNames.contains(e.getKey()), out, depth + 1));
        if (node.has("items")) {
            walk(root, node.get("items"), path + "/*", true, out, depth + 1);
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        for (int i = 0; i < MAX_DEPTH && node != null && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#")) {
                return null;
            }
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    private static List<String> types(JsonNode node) {
        JsonNode type = node.get("type");
        List<String> types = new ArrayList<>();
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static void merge(Map<String, Field> out, String path, Field field) {
        out.merge(path, field, SchemaFields::union);
    }

    private static Field union(Field a, Field b) {
        Set<String> types = new LinkedHashSet<>(a.types());
        types.addAll(b.types());
        List<String> enums = a.enumValues() == null || b.enumValues() == null ? null : unionList(a.enumValues(), b.enumValues());
        return new Field(types, a.required() && b.required(), enums);
    }

    private static Field weaken(Field f) {
        return new Field(f.types(), false, f.enumValues());
    }

    private static List<String> unionList(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Parameters of an operation as fields: {@code /name}, required as declared. */
    public static Map<String, Field> ofParameters(ContractOperation op) {
        Map<String, Field> fields = new LinkedHashMap<>();
        op.parameters().values().forEach(p -> {
            Map<String, Field> flat = of(p.schema());
            Field top = flat.getOrDefault("", new Field(Set.of(), true, null));
            fields.put("/" + p.name(), new Field(top.types(), p.required(), top.enumValues()));
        });
        return fields;
    }
}
