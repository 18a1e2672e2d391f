package dev.integrator.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * The {@code cursor} conversion: what a caller passes back to get the next page, null on the last one. From a
 * header ({@code header}; with {@code rel} and {@code param}, a query parameter of that relation's RFC 8288 link,
 * as GitHub's {@code Link: <...?page=3>; rel="next"}), or from the body ({@code read}; {@code *} there is the last
 * item, as Stripe's {@code starting_after} is the id of a list's last item; {@code when} names a boolean that must
 * be true, as Stripe's {@code has_more}). The component is a String, Integer or Long.
 */
final class Cursors {

    private Cursors() {
    }

    static Normalizer of(RecordComponent component, JsonNode d, Reads reads) {
        String mismatch = Conversion.mismatch("cursor", component);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        Type type = component.getType();
        if (d.has("header") == d.has("read")) {
            throw new IllegalArgumentException("a cursor comes from a header or from a body read: declare one of them");
        }
        if (d.has("header")) {
            String header = d.get("header").asText();
            if (d.has("rel") != d.has("param") || d.has("when")) {
                throw new IllegalArgumentException("a header cursor takes rel and param together (a Link header), or neither; not when");
            }
            if (!d.has("rel")) {
                return (body, response) -> Conversion.cursor(response.header(header).orElse(null), type);
            }
            String rel = d.get("rel").asText();
            String param = d.get("param").asText();
            return (body, response) -> Conversion.cursor(
                    LinkHeader.query(response.header(header).orElse(null), rel, param).orElse(null), type);
        }
        if (d.has("rel") || d.has("param")) {
            throw new IllegalArgumentException("rel and param belong to a header cursor");
        }
        ReadPointer read = ReadPointer.parse(d.get("read").asText());
        ReadPointer when = d.has("when") ? ReadPointer.parse(d.get("when").asText()) : null;
        if (when != null && when.hasItems()) {
            throw new IllegalArgumentException("when must read one boolean, without '*'");
        }
        reads.add(read.reads());
        reads.typed(read.reads(), Set.of("string", "integer", "null"));
        if (when != null) {
            reads.add(when.reads());
            reads.typed(when.reads(), Set.of("boolean", "null"));
        }
        return (body, response) -> {
            JsonNode more = when == null ? null : when.at(body);
            if (when != null && (more == null || !more.asBoolean())) {
                return null;
            }
            JsonNode value = read.hasItems() ? last(body, read) : read.at(body);
            return Conversion.cursor(value == null ? null : value.asText(), type);
        };
    }

    private static JsonNode last(JsonNode body, ReadPointer read) {
        JsonNode array = read.array(body);
        return array == null || array.isEmpty() ? null : read.inItem(array.get(array.size() - 1));
    }
}
