package dev.integrator.normalize;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one contract operation's response becomes its DTO: the normalizer, and the body fields it reads, as JSON
 * pointers with {@code *} for every array item. A read ending in {@code ?} is one the normalizer tolerates
 * missing (it maps absence to null or empty). {@code integrator verify} checks that every other read is
 * required and typed by the contract, and a test checks that the normalizer reads nothing else. {@code types}
 * are, for the reads a conversion turns into a value, the JSON types it can take ({@code null} among them only
 * when the component can hold null): verify checks the contract types the field within them. Declared mappings
 * compile to this; a {@link DtoMappingProvider} builds one in Java, usually without types.
 */
public record DtoMapping(String dto, List<String> reads, Normalizer normalizer, Map<String, Set<String>> types) {

    public DtoMapping(String dto, List<String> reads, Normalizer normalizer) {
        this(dto, reads, normalizer, Map.of());
    }

    public static boolean isOptional(String read) {
        return read.endsWith("?");
    }

    public static String pointer(String read) {
        return isOptional(read) ? read.substring(0, read.length() - 1) : read;
    }
}
