package dev.integrator.normalize;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a declared component reads from: a JSON Pointer (RFC 6901, empty for the whole body) in which {@code *}
 * stands for the items of an array and {@code ?} after a key marks a key that may be absent. Parsed once at
 * start into compiled pointers, so a call only walks the tree. {@code reads} are the fields it touches, for
 * verify: every prefix, {@code *} for array items, a trailing {@code ?} on the ones that may be absent.
 */
record ReadPointer(String text, JsonPointer head, JsonPointer tail, List<String> reads) {

    static ReadPointer parse(String text) {
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new IllegalArgumentException("read must be a JSON Pointer starting with '/' (or empty for the whole body), but was '"
                    + text + "'");
        }
        List<String> reads = new ArrayList<>();
        StringBuilder clean = new StringBuilder();
        String head = null;
        if (text.isEmpty()) {
            reads.add("");
        } else {
            for (String segment : text.substring(1).split("/", -1)) {
                boolean optional = segment.endsWith("?");
                String key = optional ? segment.substring(0, segment.length() - 1) : segment;
                if (key.equals("*")) {
                    if (head != null || optional) {
                        throw new IllegalArgumentException("read may hold one '*' (not '*?'), but was '" + text + "'");
                    }
                    head = clean.toString();
                }
                clean.append('/').append(key);
                reads.add(clean + (optional ? "?" : ""));
            }
        }
        String path = clean.toString();
        return head == null
                ? new ReadPointer(text, JsonPointer.compile(path), null, List.copyOf(reads))
                : new ReadPointer(text, JsonPointer.compile(head), JsonPointer.compile(path.substring(head.length() + 2)), List.copyOf(reads));
    }

    boolean hasItems() {
        return tail != null;
    }

    /** The node read (no {@code *}); null when it is absent or JSON null, or lies under an absent or null parent. */
    JsonNode at(JsonNode node) {
        return orNull(node.at(head));
    }

    /** The array before the {@code *}; null when absent or not an array. */
    JsonNode array(JsonNode node) {
        JsonNode array = node.at(head);
        return array.isArray() ? array : null;
    }

    /** Below one item of the array: the part after the {@code *}. */
    JsonNode inItem(JsonNode item) {
        return orNull(item.at(tail));
    }

    /** The same reads under {@code base}: a nested record's reads are relative to where it is found. */
    static List<String> under(String base, List<String> reads) {
        String prefix = base.replace("?", "");
        return reads.stream().map(r -> prefix + r).toList();
    }

    private static JsonNode orNull(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n;
    }
}
