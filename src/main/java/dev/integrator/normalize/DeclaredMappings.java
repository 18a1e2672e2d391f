package dev.integrator.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.Contract;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a contract's {@code mappings:} into DTO mappings, once at start: each record's class is found in the
 * contract's {@code records:} package, each component gets its pointer and conversion, and the record is built by
 * its canonical constructor. A declaration that does not fit its record (a component unknown, without a source,
 * or of a type its conversion cannot fill) is a problem added to the caller's list.
 */
final class DeclaredMappings {

    private static final Set<String> KEYS = Set.of("read", "as", "header", "rel", "param", "when");
    private static final Set<String> CURSOR_KEYS = Set.of("header", "rel", "param", "when");

    /** A compiled record: builds one instance from the node it is found at; reads and types relative to that node. */
    record Compiled(Class<?> type, Normalizer build, List<String> reads, Map<String, Set<String>> types) {
    }

    private final Contract contract;
    private final List<String> problems;
    private final Map<String, Compiled> compiled = new HashMap<>();
    private final List<String> inProgress = new ArrayList<>();

    private DeclaredMappings(Contract contract, List<String> problems) {
        this.contract = contract;
        this.problems = problems;
    }

    /** The declared mapping of every operation whose DTO the contract maps, by {@code <contract id>.<operation>}. */
    static Map<String, DtoMapping> of(Contract contract, List<String> problems) {
        DeclaredMappings declared = new DeclaredMappings(contract, problems);
        Map<String, DtoMapping> mappings = new LinkedHashMap<>();
        contract.mappings().fieldNames().forEachRemaining(declared::record);
        contract.operations().values().forEach(op -> {
            Compiled record = declared.compiled.get(op.dto());
            if (record != null) {
                mappings.put(contract.id() + "." + op.name(), new DtoMapping(op.dto(), record.reads(), record.build(), record.types()));
            }
        });
        return mappings;
    }

    private Compiled record(String name) {
        if (compiled.containsKey(name)) {
            return compiled.get(name);
        }
        String where = "contracts/" + contract.id() + ".yaml: mappings." + name;
        if (inProgress.contains(name)) {
            problems.add(where + ": a record cannot contain itself");
            return null;
        }
        JsonNode declaration = contract.mappings().get(name);
        if (declaration == null || !declaration.isObject()) {
            problems.add(where + ": no mapping declared for record " + name);
            return null;
        }
        Class<?> type = recordClass(name, where);
        if (type == null) {
            return null;
        }
        inProgress.add(name);
        int before = problems.size();
        RecordComponent[] components = type.getRecordComponents();
        Normalizer[] readers = new Normalizer[components.length];
        Reads reads = new Reads();
        for (int i = 0; i < components.length; i++) {
            JsonNode component = declaration.get(components[i].getName());
            if (component == null) {
                problems.add(where + "." + components[i].getName() + ": component has no source; declare its read and conversion"
                        + " (as: none if this version does not provide it)");
            } else {
                readers[i] = component(components[i], component, where + "." + components[i].getName(), reads);
            }
        }
        Set<String> names = Set.copyOf(Arrays.stream(components).map(RecordComponent::getName).toList());
        declaration.fieldNames().forEachRemaining(field -> {
            if (!names.contains(field)) {
                problems.add(where + "." + field + ": " + type.getName() + " has no component " + field + "; it has " + names);
            }
        });
        inProgress.remove(name);
        Compiled result = problems.size() > before ? null
                : new Compiled(type, construct(type, components, readers), List.copyOf(reads.pointers), Map.copyOf(reads.types));
        compiled.put(name, result);
        return result;
    }

    private Normalizer component(RecordComponent component, JsonNode d, String where, Reads reads) {
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(where + ": unknown key '" + key + "'; a component declares " + KEYS);
            } else if (CURSOR_KEYS.contains(key) && !d.path("as").asText().equals("cursor")) {
                problems.add(where + ": " + key + " belongs to a cursor, not to conversion '" + d.path("as").asText() + "'");
            }
        }
        String as = d.path("as").asText("");
        try {
            if (as.equals("cursor")) {
                return Cursors.of(component, d, reads);
            }
            if (as.equals("none")) {
                check(as, component);
                return (body, response) -> null;
            }
            if (!d.path("read").isTextual()) {
                throw new IllegalArgumentException("read is required for conversion '" + as + "'");
            }
            ReadPointer read = ReadPointer.parse(d.get("read").asText());
            reads.add(as.equals("present") ? lastOptional(read.reads()) : read.reads());
            if (read.hasItems() != as.equals("names")) {
                throw new IllegalArgumentException(as.equals("names") ? "names reads the items of an array: its read needs a '*'"
                        : "only names reads array items with '*'; list of <record> reads the array itself");
            }
            if (as.equals("names")) {
                check(as, component);
                return (body, response) -> Conversion.names(body, read);
            }
            if (as.equals("present")) {
                check(as, component);
                return (body, response) -> read.at(body) != null;
            }
            if (as.equals("enum")) {
                check(as, component);
                reads.typed(read.reads(), Conversion.jsonTypes(as, component));
                Class<?> type = component.getType();
                return (body, response) -> {
                    JsonNode value = read.at(body);
                    return value == null ? null : Conversion.constant(value, type);
                };
            }
            if (Conversion.SCALARS.containsKey(as)) {
                check(as, component);
                reads.typed(read.reads(), Conversion.jsonTypes(as, component));
                var convert = Conversion.SCALARS.get(as);
                return (body, response) -> {
                    JsonNode value = read.at(body);
                    return Conversion.require(value == null ? null : convert.apply(value), component, read.text());
                };
            }
            return nested(component, as, read, where, reads);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code list of <record>} or a record name: a record declared in the same contract, read where the pointer points. */
    private Normalizer nested(RecordComponent component, String as, ReadPointer read, String where, Reads reads) {
        boolean list = as.startsWith("list of ");
        String name = list ? as.substring("list of ".length()).trim() : as;
        if (!name.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("as must be one of string, int, long, bool, instant, enum, names, present,"
                    + " cursor, none, list of <record> or <record>, but was '" + as + "'");
        }
        Compiled item = record(name);
        if (item == null) {
            throw new IllegalArgumentException("record " + name + " has no usable mapping");
        }
        if (list ? !Conversion.isListOf(component.getGenericType(), item.type()) : component.getType() != item.type()) {
            throw new IllegalArgumentException("conversion '" + as + "' cannot fill " + component.getGenericType().getTypeName() + " "
                    + component.getName());
        }
        String last = read.reads().get(read.reads().size() - 1);
        reads.typed(read.reads(), Set.of(list ? "array" : "object", "null"));
        if (!list) {
            reads.addUnder(last, item.reads(), item.types());
            return (body, response) -> {
                JsonNode node = read.at(body);
                return node == null ? null : item.build().normalize(node, response);
            };
        }
        reads.add(List.of(last.replace("?", "") + "/*"));
        reads.addUnder(last + "/*", item.reads(), item.types());
        return (body, response) -> {
            JsonNode array = read.at(body);
            if (array == null) {
                return List.of();
            }
            List<Object> items = new ArrayList<>(array.size());
            array.forEach(node -> items.add(item.build().normalize(node, response)));
            return List.copyOf(items);
        };
    }

    private static void check(String as, RecordComponent component) {
        String mismatch = Conversion.mismatch(as, component);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
    }

    /** {@code present} tolerates its key missing: that is what it tells. */
    private static List<String> lastOptional(List<String> reads) {
        List<String> all = new ArrayList<>(reads);
        String last = all.remove(all.size() - 1);
        all.add(last.endsWith("?") ? last : last + "?");
        return all;
    }

    private Class<?> recordClass(String name, String where) {
        if (contract.records() == null) {
            problems.add("contracts/" + contract.id() + ".yaml: records must name the Java package of the DTO records");
            return null;
        }
        try {
            Class<?> type = Class.forName(contract.records() + "." + name);
            if (type.isRecord() && Modifier.isPublic(type.getModifiers())) {
                return type;
            }
            problems.add(where + ": " + type.getName() + " must be a public record");
        } catch (ClassNotFoundException e) {
            problems.add(where + ": no record " + name + " in package " + contract.records());
        }
        return null;
    }

    private static Normalizer construct(Class<?> type, RecordComponent[] components, Normalizer[] readers) {
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record always has its canonical constructor", e);
        }
        return (body, response) -> {
            Object[] args = new Object[readers.length];
            for (int i = 0; i < readers.length; i++) {
                args[i] = readers[i].normalize(body, response);
            }
            try {
                return canonical.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(type.getSimpleName() + " refused the mapped values: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " must be a public record", e);
            }
        };
    }
}
