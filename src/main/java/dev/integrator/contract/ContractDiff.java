package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.SchemaFields.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies the changes between two versions of a contract as breaking or not for us as a consumer, the way
 * oasdiff does for an API's producer: in a response, a consumed (required) field removed, renamed, made optional
 * or retyped, or an enum widened, breaks us; an added field does not. In a request, a parameter removed, newly
 * required, retyped or with a narrowed enum breaks callers; a new optional parameter does not. A changed DTO mapping
 * is listed too.
 */
public final class ContractDiff {

    public record Change(boolean breaking, String operation, String part, String path, String what) {
        @Override
        public String toString() {
            return String.format("%-12s %s %s %s: %s", breaking ? "BREAKING" : "non-breaking", operation, part,
                    path.isEmpty() ? "/" : path, what);
        }
    }

    private ContractDiff() {
    }

    public static List<Change> diff(Contract from, Contract to) {
        List<Change> changes = new ArrayList<>();
        Set<String> names = new TreeSet<>(from.operations().keySet());
        names.addAll(to.operations().keySet());
        for (String name : names) {
            ContractOperation a = from.operations().get(name);
            ContractOperation b = to.operations().get(name);
            if (b == null) {
                changes.add(new Change(true, name, "operation", "", "removed"));
            } else if (a == null) {
                changes.add(new Change(false, name, "operation", "", "added"));
            } else {
                if (a.successStatus() != b.successStatus()) {
                    changes.add(new Change(true, name, "response", "", "status " + a.successStatus() + " -> " + b.successStatus()));
                }
                if (!a.dto().equals(b.dto())) {
                    changes.add(new Change(true, name, "response", "", "DTO " + a.dto() + " -> " + b.dto()));
                }
                response(name, SchemaFields.of(a.responseDocument()), SchemaFields.of(b.responseDocument()), changes);
                request(name, SchemaFields.ofParameters(a), SchemaFields.ofParameters(b), changes);
            }
        }
        mappings(from, to, changes);
        return changes;
    }

    /**
     * A DTO component whose declared source changed is listed, so that a mapping never changes silently; one that
     * stops being read (no declaration, or {@code as: none}) breaks callers, who lose the value.
     */
    private static void mappings(Contract from, Contract to, List<Change> out) {
        Set<String> records = new TreeSet<>();
        from.mappings().fieldNames().forEachRemaining(records::add);
        to.mappings().fieldNames().forEachRemaining(records::add);
        for (String record : records) {
            Set<String> components = new TreeSet<>();
            from.mappings().path(record).fieldNames().forEachRemaining(components::add);
            to.mappings().path(record).fieldNames().forEachRemaining(components::add);
            for (String component : components) {
                JsonNode a = from.mappings().path(record).get(component);
                JsonNode b = to.mappings().path(record).get(component);
                if (!Objects.equals(a, b)) {
                    boolean lost = a != null && !isNone(a) && (b == null || isNone(b));
                    out.add(new Change(lost, record, "mapping", component, source(a) + " -> " + source(b)));
                }
            }
        }
    }

    private static boolean isNone(JsonNode declaration) {
        return declaration.path("as").asText().equals("none");
    }

    private static String source(JsonNode declaration) {
        return declaration == null ? "not declared" : declaration.toString();
    }

    private static void response(String op, Map<String, Field> from, Map<String, Field> to, List<Change> out) {
        for (var e : from.entrySet()) {
            String path = e.getKey();
            Field a = e.getValue();
            Field b = to.get(path);
            boolean consumed = a.required();
            if (b == null) {
                out.add(new Change(consumed, op, "response", path, consumed ? "consumed field removed or renamed" : "optional field removed"));
                continue;
            }
            if (consumed && !b.required()) {
                out.add(new Change(true, op, "response", path, "consumed field no longer required"));
            }
            if (!b.types().equals(a.types())) {
                boolean widened = !a.types().containsAll(b.types());
                out.add(new Change(widened, op, "response", path, "type " + a.types() + " -> " + b.types()));
            }
            if (a.enumValues() != null && b.enumValues() != null && !a.enumValues().containsAll(b.enumValues())) {
                out.add(new Change(true, op, "response", path, "enum widened by " + minus(b.enumValues(), a.enumValues())));
            } else if (a.enumValues() != null && b.enumValues() == null) {
                out.add(new Change(true, op, "response", path, "enum removed: any value may come"));
            }
        }
        for (var e : to.entrySet()) {
            if (!from.containsKey(e.getKey())) {
                out.add(new Change(false, op, "response", e.getKey(), e.getValue().required()
                        ? "newly consumed field (required from now on)" : "optional field added"));
            }
        }
    }

    private static void request(String op, Map<String, Field> from, Map<String, Field> to, List<Change> out) {
        for (var e : from.entrySet()) {
            Field a = e.getValue();
            Field b = to.get(e.getKey());
            String path = e.getKey();
            if (b == null) {
                out.add(new Change(true, op, "request", path, "parameter removed"));
                continue;
            }
            if (!a.required() && b.required()) {
                out.add(new Change(true, op, "request", path, "parameter newly required"));
            }
            if (!b.types().equals(a.types())) {
                out.add(new Change(!b.types().containsAll(a.types()), op, "request", path, "type " + a.types() + " -> " + b.types()));
            }
            if (a.enumValues() != null && b.enumValues() != null && !b.enumValues().containsAll(a.enumValues())) {
                out.add(new Change(true, op, "request", path, "enum narrowed by " + minus(a.enumValues(), b.enumValues())));
            }
        }
        for (var e : to.entrySet()) {
            if (!from.containsKey(e.getKey())) {
                out.add(new Change(e.getValue().required(), op, "request", e.getKey(),
                        e.getValue().required() ? "new required parameter" : "optional parameter added"));
            }
        }
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Set<String> rest = new HashSet<>(b);
        return a.stream().filter(v -> !rest.contains(v)).toList();
    }
}
