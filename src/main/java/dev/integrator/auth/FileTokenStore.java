package dev.integrator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Refresh tokens in {@code <data>/oauth/<provider>.json}, readable by the service's user only. A save writes a
 * temporary file, forces it to disk and renames it over the old one (atomic on one file system), then forces the
 * folder: a process killed at any point leaves the old token or the new one, never a mix of both.
 */
final class FileTokenStore implements TokenStore {

    /** The folder of the token files, under the data directory. */
    static final String FOLDER = "oauth";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    FileTokenStore(Path dataDir) {
        this.dir = dataDir.resolve(FOLDER);
    }

    @Override
    public synchronized Stored load(String key) {
        Path file = dir.resolve(key + ".json");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            if (node == null || !node.path("refreshToken").isTextual()) {
                throw failure("the token file " + file + " holds no refresh token; remove it to start again from the environment", null);
            }
            return new Stored(node.path("seed").asText(null), node.get("refreshToken").asText());
        } catch (IOException e) {
            throw failure("cannot read the token file " + file, e);
        }
    }

    @Override
    public synchronized void save(String key, Stored stored) {
        Path file = dir.resolve(key + ".json");
        Path temporary = dir.resolve(key + ".json.new");
        ObjectNode node = Json.MAPPER.createObjectNode().put("seed", stored.seed()).put("refreshToken", stored.refreshToken());
        try {
            createFolder();
            Files.deleteIfExists(temporary);
            try (FileChannel channel = create(temporary)) {
                ByteBuffer bytes = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(node));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The rename itself is durable only once the folder is.
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true);
            }
        } catch (IOException e) {
            throw failure("cannot store the rotated refresh token in " + file, e);
        }
    }

    private void createFolder() throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        }
        // A folder made by hand, or widened by the umask, is narrowed.
        Files.setPosixFilePermissions(dir, OWNER_DIR);
    }

    private static FileChannel create(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!POSIX) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
        return FileChannel.open(file, options, ownerOnly);
    }

    private static IntegrationException failure(String message, IOException cause) {
        String reason = cause == null ? "" : ": " + cause.getClass().getSimpleName() + " " + cause.getMessage();
        return IntegrationException.of(ErrorCode.UNAVAILABLE, message + reason).notSent().build();
    }

    @Override
    public void close() {
        // Nothing held open between saves.
    }
}
