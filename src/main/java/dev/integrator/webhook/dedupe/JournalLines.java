package dev.integrator.webhook.dedupe;

import dev.integrator.OperationId;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's line format, {@code <expiresAtEpochMillis> <provider> <deliveryId>\n}, and its tolerant reading: a
 * line that does not parse or has no end of line (cut by a kill mid-write) is skipped, never an error.
 */
final class JournalLines {

    /** Printable ASCII without spaces: the ids the signature schemes give, and nothing that could split a line. */
    static final Pattern DELIVERY_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern PROVIDER = Pattern.compile(OperationId.PROVIDER);
    private static final Pattern LINE = Pattern.compile("([0-9]{1,15}) (" + OperationId.PROVIDER
            + " [\\x21-\\x7E]{1,200})");
    private static final int MAX_LINE = 512;

    private JournalLines() {
    }

    static String key(String provider, String deliveryId) {
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("provider must be a lower-case id, but was " + provider);
        }
        if (deliveryId == null || !DELIVERY_ID.matcher(deliveryId).matches()) {
            throw new IllegalArgumentException("deliveryId must be 1..200 printable ASCII characters without spaces, "
                    + "but was " + deliveryId);
        }
        return provider + " " + deliveryId;
    }

    static String line(String key, long expiresAtMillis) {
        return expiresAtMillis + " " + key + "\n";
    }

    /** The ids still live at {@code now}, the last line of an id winning; a missing file is an empty journal. */
    static Map<String, Long> read(Path file, long now) throws IOException {
        Map<String, Long> live = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != '\n') {
                    tooLong |= line.size() >= MAX_LINE;
                    if (!tooLong) {
                        line.write(b);
                    }
                    continue;
                }
                Matcher m = LINE.matcher(line.toString(StandardCharsets.ISO_8859_1));
                if (!tooLong && m.matches() && Long.parseLong(m.group(1)) > now) {
                    live.remove(m.group(2));
                    live.put(m.group(2), Long.parseLong(m.group(1)));
                }
                line.reset();
                tooLong = false;
            }
        } catch (NoSuchFileException e) {
            return live;
        }
        return live;
    }
}
