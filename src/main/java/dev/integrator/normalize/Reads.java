package dev.integrator.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a declared mapping reads, collected while it compiles: the pointers (a trailing {@code ?} on those that may be
 * absent) and, where a conversion needs one, the JSON types it can take at a pointer ({@code null} among them only
 * when the component can hold null). Verify checks both against the contract. Pointers are relative to where the
 * record is found until a parent record puts them under its own.
 */
final class Reads {

    final List<String> pointers = new ArrayList<>();
    final Map<String, Set<String>> types = new LinkedHashMap<>();

    void add(List<String> reads) {
        pointers.addAll(reads);
    }

    /** The last read of {@code reads} is the value converted: it must have one of {@code jsonTypes}. */
    void typed(List<String> reads, Set<String> jsonTypes) {
        types.put(reads.get(reads.size() - 1).replace("?", ""), jsonTypes);
    }

    /** A nested record's reads, found at {@code base}. */
    void addUnder(String base, List<String> reads, Map<String, Set<String>> nestedTypes) {
        pointers.addAll(ReadPointer.under(base, reads));
        String prefix = base.replace("?", "");
        nestedTypes.forEach((pointer, jsonTypes) -> types.put(prefix + pointer, jsonTypes));
    }
}
