package dev.integrator.normalize;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 {@code Link} headers, as providers use them for pagination. */
public final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

    private LinkHeader() {
    }

    /** The target of the link with relation {@code rel}, if the header has one. */
    public static Optional<URI> find(String header, String rel) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            for (String param : m.group(2).split(";")) {
                String[] kv = param.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals("rel")
                        && java.util.Arrays.asList(kv[1].replace("\"", "").trim().split("\\s+")).contains(rel)) {
                    try {
                        return Optional.of(URI.create(m.group(1).trim()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The value of query parameter {@code name} in the {@code rel} link, such as the next page number. */
    public static Optional<String> query(String header, String rel, String name) {
        return find(header, rel).flatMap(uri -> {
            String query = uri.getRawQuery();
            if (query == null) {
                return Optional.empty();
            }
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    try {
                        return Optional.of(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }
}
