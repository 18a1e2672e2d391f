package dev.integrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of the definitions and its layout, named once: {@code routes/<provider>/}, {@code contracts/},
 * {@code fixtures/}, {@code ops/integrations/<provider>/README.md} and {@code data/}. The loaders, the sentinels,
 * {@code verify} and the commands find their files through it.
 */
public record Home(Path root) {

    public static Home of(Path root) {
        return new Home(root);
    }

    public Path routes() {
        return root.resolve("routes");
    }

    public Path contracts() {
        return root.resolve("contracts");
    }

    public Path fixtures() {
        return root.resolve("fixtures");
    }

    /** Where run-time files go (drift samples, the embedded broker's journal) unless the environment says otherwise. */
    public Path data() {
        return root.resolve("data");
    }

    /** The generated ops notes of one provider. */
    public Path opsNotes(String provider) {
        return root.resolve("ops").resolve("integrations").resolve(provider).resolve("README.md");
    }

    /** The providers that have a folder under routes/, by name; none when there is no routes/. */
    public List<String> providers() {
        try (Stream<Path> dirs = Files.list(routes())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A path under the home folder as the definitions' problems name it, such as {@code contracts/github.issues.v1.yaml}. */
    public String relative(Path p) {
        return root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
    }
}
