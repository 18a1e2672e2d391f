package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A copy of the project's definitions in a temporary folder, to break on purpose without touching the repository. */
public final class TempHome {

    private final Path home;

    private TempHome(Path home) {
        this.home = home;
    }

    public static TempHome copyOf(Path dir, String... folders) throws IOException {
        for (String folder : folders) {
            copy(Path.of(folder), dir.resolve(folder));
        }
        return new TempHome(dir);
    }

    public static TempHome definitions(Path dir) throws IOException {
        return copyOf(dir, "routes", "contracts", "fixtures", "ops");
    }

    /**
     * Only {@code provider}'s definitions (routes/defaults.yaml, routes/&lt;provider&gt;/, contracts/&lt;provider&gt;.*): an
     * {@code integrator run} on it consumes that provider's queues and no other's.
     */
    public static TempHome provider(Path dir, String provider) throws IOException {
        copy(Path.of("routes", provider), dir.resolve("routes").resolve(provider));
        Files.copy(Path.of("routes/defaults.yaml"), dir.resolve("routes/defaults.yaml"));
        Files.createDirectories(dir.resolve("contracts"));
        try (Stream<Path> contracts = Files.list(Path.of("contracts"))) {
            for (Path f : contracts.filter(f -> f.getFileName().toString().startsWith(provider + ".")).toList()) {
                Files.copy(f, dir.resolve("contracts").resolve(f.getFileName()));
            }
        }
        return new TempHome(dir);
    }

    public Path path() {
        return home;
    }

    public Path resolve(String file) {
        return home.resolve(file);
    }

    /** Replaces the first occurrence of {@code from}, which must be there. */
    public void edit(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as(file).contains(from);
        Files.writeString(path, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    public List<Path> files(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
