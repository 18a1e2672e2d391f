package dev.integrator.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code contracts/contracts.lock}: one line per contract version ({@code <id> sha256:<hex>}) and per fixture
 * ({@code fixtures/<contract>/<kind>/<file> sha256:<hex>}). A released version never changes (a change is a new
 * version), and a fixture, once locked, is a known regression that must keep being replayed: deleting or
 * editing one needs a deliberate {@code integrator lock --force}. Hashes are over the files with line endings
 * normalized.
 */
public final class ContractLock {

    public static final String FILE_NAME = "contracts.lock";
    private static final String HEADER = "# Content hash of every contract version and fixture. A locked version never changes: bump it instead.\n"
            + "# Written by `integrator lock`; checked by `integrator verify`.\n";

    private ContractLock() {
    }

    public static Map<String, String> read(Path home) throws IOException {
        Map<String, String> lock = new TreeMap<>();
        Path file = home.resolve("contracts").resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return lock;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("sha256:")) {
                throw new IOException("contracts/" + FILE_NAME + ": malformed line '" + line + "' (expected '<id> sha256:<hex>')");
            }
            lock.put(parts[0], parts[1]);
        }
        return lock;
    }

    public static void write(Path home, Map<String, String> lock) throws IOException {
        StringBuilder out = new StringBuilder(HEADER);
        new TreeMap<>(lock).forEach((key, hash) -> out.append(key).append(' ').append(hash).append('\n'));
        Files.writeString(home.resolve("contracts").resolve(FILE_NAME), out.toString(), StandardCharsets.UTF_8);
    }

    /** Current hashes: contract versions by id, fixtures by their path under the home folder. */
    public static Map<String, String> current(Path home) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(home.resolve("contracts"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                String name = f.getFileName().toString();
                hashes.put(name.substring(0, name.length() - ".yaml".length()), hash(f));
            }
        }
        Path fixtures = home.resolve("fixtures");
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> files = Files.walk(fixtures)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    hashes.put(home.relativize(f).toString().replace('\\', '/'), hash(f));
                }
            }
        }
        return hashes;
    }

    /** What a key names, for messages: a contract version or a fixture. */
    public static String describe(String key) {
        return key.startsWith("fixtures/") ? key : "contracts/" + key + ".yaml";
    }

    private static String hash(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            // Not UTF-8: hash the raw bytes; verify reports the non-ASCII byte itself.
            bytes = Files.readAllBytes(file);
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
