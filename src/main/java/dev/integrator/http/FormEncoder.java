package dev.integrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes parameters as {@code application/x-www-form-urlencoded} with the nested-key rules Stripe's API reads (and
 * stripe-java's {@code FormEncoder} writes): an object as {@code metadata[key]=value}, a list as {@code expand[0]=a},
 * a list of objects as {@code items[0][price]=p}, booleans as {@code true}/{@code false}, and an empty text, a null or
 * an empty list as {@code key=}, which unsets the field. Square brackets stay literal, as stripe-java sends them.
 * Golden tests compare each rule with stripe-java's own encoder.
 */
public final class FormEncoder {

    private FormEncoder() {
    }

    /** The form body of {@code params}, a JSON object, fields in their order. */
    public static String encode(JsonNode params) {
        StringJoiner form = new StringJoiner("&");
        for (Iterator<Map.Entry<String, JsonNode>> fields = params.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            add(form, field.getKey(), field.getValue());
        }
        return form.toString();
    }

    private static void add(StringJoiner form, String key, JsonNode value) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                add(form, nested(key, field.getKey()), field.getValue());
            }
        } else if (value.isArray() && !value.isEmpty()) {
            for (int i = 0; i < value.size(); i++) {
                add(form, key + "[" + i + "]", value.get(i));
            }
        } else {
            // An empty list cannot be written in a form: the convention is the empty value, which unsets the field.
            String text = value.isNull() || value.isArray() ? "" : value.asText();
            form.add(encoded(key) + "=" + encoded(text));
        }
    }

    /**
     * The key of a map's field under {@code prefix}, as stripe-java's {@code FormEncoder.newPrefix} writes it: a name
     * that holds a bracket has only its part before the bracket nested, and the rest kept in brackets of its own
     * ({@code key[0]} under {@code metadata} is {@code metadata[key][[0]]}), so Stripe reads what its library sends.
     */
    private static String nested(String prefix, String name) {
        int bracket = name.indexOf('[');
        return bracket < 0 ? prefix + "[" + name + "]"
                : prefix + "[" + name.substring(0, bracket) + "][" + name.substring(bracket) + "]";
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%5B", "[").replace("%5D", "]");
    }
}
