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

/**
 * {@code contracts/contracts.lock}: one line per contract version, {@code <id> sha256:<hex>}. A released version
 * never changes; a change is a new version. The hash is over the file with line endings normalized.
 */
public final class ContractLock {

    public static final String FILE_NAME = "contracts.lock";
    private static final String HEADER = "# Content hash of every contract version. A locked version never changes: bump it instead.\n"
            + "# Written by `integrator lock`; checked by `integrator verify`.\n";

    private ContractLock() {
    }

    public static Map<String, String> read(Path contractsDir) throws IOException {
        Map<String, String> lock = new TreeMap<>();
        Path file = contractsDir.resolve(FILE_NAME);
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
                throw new IOException(file + ": malformed line '" + line + "' (expected '<id> sha256:<hex>')");
            }
            lock.put(parts[0], parts[1]);
        }
        return lock;
    }

    public static void write(Path contractsDir, Map<String, String> lock) throws IOException {
        StringBuilder out = new StringBuilder(HEADER);
        new TreeMap<>(lock).forEach((id, hash) -> out.append(id).append(' ').append(hash).append('\n'));
        Files.writeString(contractsDir.resolve(FILE_NAME), out.toString(), StandardCharsets.UTF_8);
    }

    /** The current hashes of the contract files in {@code contractsDir}, by id (file name without .yaml). */
    public static Map<String, String> current(Path contractsDir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (var files = Files.list(contractsDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                String name = f.getFileName().toString();
                hashes.put(name.substring(0, name.length() - ".yaml".length()), hash(Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return hashes;
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
