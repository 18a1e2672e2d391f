package dev.integrator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path such as {@code /repos/{owner}/{repo}/issues}. Values are percent-encoded as single segments, so a
 * value holding {@code /}, {@code ?}, {@code #} or {@code ..} can never change the path, the query or the host.
 */
public final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final String template;
    private final List<String> variables;

    public PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', but was '" + template + "'");
        }
        this.template = template;
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        this.variables = List.copyOf(names);
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return variables;
    }

    public String expand(Map<String, String> values) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for path variable " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encodeSegment(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters; a dot-only segment is encoded too. */
    public static String encodeSegment(String value) {
        boolean dotsOnly = !value.isEmpty() && value.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '~' || c == '.' && !dotsOnly;
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
