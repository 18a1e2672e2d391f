package dev.integrator.chain.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of RFC 8941 (Structured Field Values) the IETF rate-limit fields use: a List of Items, each a bare item
 * with Parameters, such as {@code "default";r=50;t=30, "daily";r=900;t=3600}. Values are kept as text: a String
 * unquoted, anything else as written. A value that is not a well-formed List (an Inner List included, which no
 * rate-limit field carries) reads as empty, so that a malformed field is ignored as a whole.
 */
final class StructuredList {

    /** One member: its bare item and its parameters in order; a parameter without a value is "?1" (true). */
    record Item(String value, Map<String, String> params) {
    }

    private final String text;
    private int at;

    private StructuredList(String text) {
        this.text = text;
    }

    /** The members of {@code field}, or empty when it is not a well-formed List of Items. */
    static Optional<List<Item>> parse(String field) {
        StructuredList p = new StructuredList(field);
        try {
            return Optional.of(p.list());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<Item> list() {
        List<Item> items = new ArrayList<>();
        skip(' ');
        while (at < text.length()) {
            String value = bareItem();
            Map<String, String> params = new LinkedHashMap<>();
            while (peek() == ';') {
                at++;
                skip(' ');
                String key = key();
                if (peek() == '=') {
                    at++;
                    params.put(key, bareItem());
                } else {
                    params.put(key, "?1");
                }
            }
            items.add(new Item(value, params));
            skipOws();
            if (at < text.length()) {
                expect(',');
                skipOws();
                require(at < text.length());
            }
        }
        return items;
    }

    private String bareItem() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = at;
        if (c == '-' || digit(c)) {
            at++;
            while (digit(peek()) || peek() == '.') {
                at++;
            }
        } else if (c == ':') {
            at = text.indexOf(':', at + 1) + 1;
            require(at > 0);
        } else if (c == '?') {
            at += 2;
            require(at <= text.length() && (text.charAt(at - 1) == '0' || text.charAt(at - 1) == '1'));
        } else {
            require(alpha(c) || c == '*');
            while (isTokenChar(peek())) {
                at++;
            }
        }
        require(at > start);
        return text.substring(start, at);
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        at++;
        while (true) {
            require(at < text.length());
            char c = text.charAt(at++);
            if (c == '"') {
                return s.toString();
            }
            if (c == '\\') {
                require(at < text.length() && (peek() == '"' || peek() == '\\'));
                c = text.charAt(at++);
            }
            require(c >= 0x20 && c < 0x7f);
            s.append(c);
        }
    }

    private String key() {
        int start = at;
        require(lower(peek()) || peek() == '*');
        while (lower(peek()) || digit(peek()) || "_-.*".indexOf(peek()) >= 0) {
            at++;
        }
        return text.substring(start, at);
    }

    private static boolean isTokenChar(char c) {
        return alpha(c) || digit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return lower(c) || c >= 'A' && c <= 'Z';
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** The character at the cursor, or 0 at the end. */
    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void expect(char c) {
        require(peek() == c);
        at++;
    }

    private void skip(char c) {
        while (peek() == c) {
            at++;
        }
    }

    private void skipOws() {
        while (peek() == ' ' || peek() == '\t') {
            at++;
        }
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("not a structured list");
        }
    }
}
