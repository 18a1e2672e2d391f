package dev.integrator.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The value conversions a declared component may name, each with the component types it can fill. A value is
 * the node its pointer reads, or null when that is absent or JSON null; null gives null (a primitive component
 * cannot hold it, and the contract should not allow it there).
 */
final class Conversion {

    /**
     * Conversions of one read value, by name; {@code list of <record>}, {@code names}, {@code cursor}, {@code enum}
     * (text to a constant of the component's enum type) are built apart.
     */
    static final Map<String, Function<JsonNode, Object>> SCALARS = Map.of(
            "string", JsonNode::asText,
            "int", JsonNode::asInt,
            "long", JsonNode::asLong,
            "bool", JsonNode::asBoolean,
            "instant", Conversion::instant);

    private static final Map<String, Set<Type>> TYPES = Map.of(
            "string", Set.of(String.class),
            "int", Set.of(int.class, Integer.class),
            "long", Set.of(long.class, Long.class),
            "bool", Set.of(boolean.class, Boolean.class),
            "present", Set.of(boolean.class, Boolean.class),
            "instant", Set.of(Instant.class),
            "cursor", Set.of(String.class, Integer.class, Long.class));

    private Conversion() {
    }

    /** The JSON types a scalar conversion reads into {@code component}; null only when the component can hold it. */
    static Set<String> jsonTypes(String conversion, RecordComponent component) {
        Set<String> types = new HashSet<>(switch (conversion) {
            case "string" -> Set.of("string");
            case "int", "long" -> Set.of("integer");
            case "bool" -> Set.of("boolean");
            case "enum" -> Set.of("string");
            default -> Set.of("string", "integer");
        });
        if (!component.getType().isPrimitive()) {
            types.add("null");
        }
        return Set.copyOf(types);
    }

    /** Why {@code conversion} cannot fill {@code component}, or null when it can. */
    static String mismatch(String conversion, RecordComponent component) {
        Type type = component.getGenericType();
        boolean fits = switch (conversion) {
            case "none" -> !component.getType().isPrimitive();
            case "names" -> isListOf(type, String.class);
            case "enum" -> component.getType().isEnum() && unknownOf(component.getType()) != null;
            default -> TYPES.getOrDefault(conversion, Set.of()).contains(type);
        };
        String why = conversion.equals("enum") && component.getType().isEnum()
                ? ": it needs a constant UNKNOWN for the values a provider adds later" : "";
        return fits ? null
                : "conversion '" + conversion + "' cannot fill " + type.getTypeName() + " " + component.getName() + why;
    }

    static boolean isListOf(Type type, Class<?> item) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] == item;
    }

    /** A value for a primitive component must be there: null would silently become 0 or false. */
    static Object require(Object value, RecordComponent component, String pointer) {
        if (value == null && component.getType().isPrimitive()) {
            throw new IllegalStateException("no value at '" + pointer + "' for " + component.getType() + " " + component.getName());
        }
        return value;
    }

    /** ISO-8601 text ({@code 2026-11-26T10:00:00Z}) or a number of epoch seconds. */
    static Instant instant(JsonNode n) {
        return n.isNumber() ? Instant.ofEpochSecond(n.asLong()) : Instant.parse(n.asText());
    }

    /**
     * The constant of {@code type} a provider's text names, matched by name ignoring case ({@code in_transit} is
     * IN_TRANSIT); a text no constant has is UNKNOWN, so a value the provider adds later does not fail the call.
     */
    static Object constant(JsonNode n, Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(n.asText())) {
                return constant;
            }
        }
        return unknownOf(type);
    }

    private static Object unknownOf(Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals("UNKNOWN")) {
                return constant;
            }
        }
        return null;
    }

    /** The names of an array's items: the part after {@code *}, or the item itself when the item is a string. */
    static List<String> names(JsonNode node, ReadPointer read) {
        JsonNode array = read.array(node);
        if (array == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            JsonNode name = item.isTextual() ? item : read.inItem(item);
            if (name != null) {
                names.add(name.asText());
            }
        }
        return List.copyOf(names);
    }

    /** A cursor text as the component's type; a value that is not a number where one is wanted is no cursor. */
    static Object cursor(String text, Type type) {
        if (text == null || text.isEmpty()) {
            // Slack ends its pages with an empty next_cursor: an empty cursor is no next page.
            return null;
        }
        if (type == String.class) {
            return text;
        }
        if (!text.matches("\\d{1,18}")) {
            return null;
        }
        long value = Long.parseLong(text);
        if (type == Long.class) {
            return value;
        }
        return value <= Integer.MAX_VALUE ? (Object) (int) value : null;
    }
}
