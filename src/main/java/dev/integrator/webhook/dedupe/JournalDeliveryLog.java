package dev.integrator.webhook.dedupe;

import dev.integrator.chain.base.TimeSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded delivery log: confirmed ids in memory, each also appended as one line to a journal file in the data
 * directory, so they survive a restart. A journal rather than an embedded database: one line per confirm is all the
 * store does, a line cut by a kill is skipped on reading (at worst that one id is forgotten: a duplicate, never a
 * refused start), and it needs no dependency with a file format of its own. Lines are written through to the OS at
 * once (a kill -9 loses none) but not forced to disk each time: a power loss may forget the last few seconds.
 * On open, and whenever the appended lines outgrow the live ones, the journal is rewritten with the live ids only
 * (into a new file moved over the old one, so a crash there leaves the old one whole). Claims live in memory only:
 * after a crash nothing holds them, so the provider's retry is accepted. At most {@code maxEntries} ids are kept
 * ({@link #MAX_ENTRIES} in service), the oldest confirmed forgotten first, which bounds memory and the file.
 */
final class JournalDeliveryLog implements DeliveryLog {

    static final String FILE_NAME = "deliveries.journal";
    static final int MAX_ENTRIES = 200_000;
    private static final int COMPACT_AFTER_MIN = 10_000;

    private final Path file;
    private final TimeSource time;
    private final Availability availability;
    private final Map<String, Long> claims = new HashMap<>();
    private final int maxEntries;
    private final LinkedHashMap<String, Long> confirmed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > maxEntries;
        }
    };
    private Writer journal;
    private int appended;

    JournalDeliveryLog(Path dir, TimeSource time, int maxEntries) {
        this.maxEntries = maxEntries;
        this.file = dir.resolve(FILE_NAME);
        this.time = time;
        this.availability = new Availability("journal " + file);
        try {
            OwnerOnly.createDirectories(dir);
            confirmed.putAll(JournalLines.read(file, time.now().toEpochMilli()));
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the webhook delivery journal " + file + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Claim claim(String provider, String deliveryId) {
        String key = JournalLines.key(provider, deliveryId);
        long now = time.now().toEpochMilli();
        Long expires = confirmed.get(key);
        if (expires != null && expires > now) {
            return Claim.DUPLICATE;
        }
        Long held = claims.get(key);
        if (held != null && held > now) {
            return Claim.IN_FLIGHT;
        }
        if (claims.size() >= maxEntries) {
            claims.values().removeIf(until -> until <= now);
        }
        claims.put(key, now + CLAIM_HOLD.toMillis());
        return Claim.NEW;
    }

    @Override
    public synchronized void confirm(String provider, String deliveryId, Duration window) {
        String key = JournalLines.key(provider, deliveryId);
        long expires = time.now().toEpochMilli() + window.toMillis();
        claims.remove(key);
        confirmed.remove(key);
        confirmed.put(key, expires);
        try {
            journal.write(JournalLines.line(key, expires));
            journal.flush();
            appended++;
            if (appended > Math.max(COMPACT_AFTER_MIN, confirmed.size())) {
                compact();
            }
            availability.answered();
        } catch (IOException e) {
            // Kept in memory all the same: only a restart would forget it.
            availability.failed(new UncheckedIOException(e));
        }
    }

    @Override
    public synchronized void release(String provider, String deliveryId) {
        claims.remove(JournalLines.key(provider, deliveryId));
    }

    @Override
    public boolean available() {
        return availability.available();
    }

    @Override
    public synchronized void close() {
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            availability.failed(new UncheckedIOException(e));
        }
    }

    /** Rewrites the journal with the live ids only, then appends to the new one. */
    private void compact() throws IOException {
        long now = time.now().toEpochMilli();
        confirmed.values().removeIf(expires -> expires <= now);
        Path next = file.resolveSibling(FILE_NAME + ".next");
        try (FileChannel channel = OwnerOnly.newFile(next);
                Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.US_ASCII))) {
            for (Map.Entry<String, Long> entry : confirmed.entrySet()) {
                out.write(JournalLines.line(entry.getKey(), entry.getValue()));
            }
            out.flush();
            channel.force(true);
        }
        if (journal != null) {
            journal.close();
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        journal = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        appended = 0;
    }
}
