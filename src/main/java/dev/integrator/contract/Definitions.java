package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.json.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The part of a contract's shared {@code schemas:} that one schema refers to. Every compiled schema (request,
 * response, each error) carries the definitions as {@code $defs}, and the validator compiles each entry of
 * {@code $defs} whether or not anything refers to it: with all of them in every schema, a contract's definitions were
 * compiled two or three times per operation, most of the contract loading time with many operations.
 */
final class Definitions {

    private static final String LOCAL = "#/$defs/";

    private Definitions() {
    }

    /**
     * The entries of {@code defs} that {@code schema} refers to, directly or through other entries. A reference this cannot follow by name (to {@code #/$defs} itself, or percent-encoded) keeps them
     * all, so a schema never loses a definition it uses.
     */
    static JsonNode referencedBy(JsonNode schema, JsonNode defs) {
        if (!defs.isObject()) {
            return defs;
        }
        ObjectNode used = Json.MAPPER.createObjectNode();
        Deque<JsonNode> toWalk = new ArrayDeque<>();
        toWalk.push(schema);
        while (!toWalk.isEmpty()) {
            JsonNode node = toWalk.pop();
            JsonNode ref = node.get("$ref");
            if (node.isObject() && ref != null && ref.isTextual() && ref.asText().startsWith("#/$defs")) {
                String name = name(ref.asText());
                if (name == null) {
                    return defs;
                }
                if (!used.has(name) && defs.has(name)) {
                    used.set(name, defs.get(name));
                    toWalk.push(defs.get(name));
                }
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                toWalk.push(children.next());
            }
        }
        return used;
    }

    /** The definition a {@code #/$defs/<name>...} reference starts at (JSON Pointer escapes undone); null when unsure. */
    private static String name(String ref) {
        if (!ref.startsWith(LOCAL) || ref.length() == LOCAL.length() || ref.indexOf('%') >= 0) {
            return null;
        }
        String rest = ref.substring(LOCAL.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        return token.replace("~1", "/").replace("~0", "~");
    }
}
