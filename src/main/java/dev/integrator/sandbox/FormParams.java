package dev.integrator.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A form body or query string as Stripe reads it: flat keys ({@code metadata[order]}) to values. Two requests carry
 * the same parameters when these maps are equal, whatever the order of the fields.
 */
record FormParams(Map<String, String> values) {

    static FormParams parse(String text) {
        Map<String, String> values = new TreeMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new FormParams(Map.copyOf(values));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    String get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The entries under {@code name[...]}, by the key inside the brackets: Stripe's metadata. */
    Map<String, String> map(String name) {
        Map<String, String> map = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(name + "[") && key.endsWith("]")) {
                map.put(key.substring(name.length() + 1, key.length() - 1), value);
            }
        });
        return map;
    }
}
