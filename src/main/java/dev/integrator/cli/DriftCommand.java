package dev.integrator.cli;

import dev.integrator.Home;
import dev.integrator.drift.DriftSamples;
import dev.integrator.drift.DriftSamples.Sample;
import dev.integrator.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code integrator drift list}: one line per recorded sample; {@code integrator drift fixture <id> [<name>]}: the
 * sample as a bad fixture under {@code fixtures/<contract>/bad/}, so that the drift becomes a regression case.
 */
final class DriftCommand {

    static final String USAGE = "usage: integrator drift list | integrator drift fixture <id> [<name>]";

    private static final Pattern FIXTURE_NAME = Pattern.compile("[a-z0-9][A-Za-z0-9._-]*");

    private DriftCommand() {
    }

    static int run(Path home, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path dir = DriftSamples.defaultDir(home, env);
        try {
            if (args.length == 1 && args[0].equals("list")) {
                return list(dir, out, err);
            }
            if (args.length >= 2 && args.length <= 3 && args[0].equals("fixture")) {
                return fixture(dir, Home.of(home).fixtures(), args[1], args.length == 3 ? args[2] : null, out, err);
            }
        } catch (IOException e) {
            err.println("drift: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return Main.ERROR;
        }
        err.println(USAGE);
        return Main.USAGE;
    }

    private static int list(Path dir, PrintStream out, PrintStream err) throws IOException {
        List<String> ids = DriftSamples.ids(dir);
        if (ids.isEmpty()) {
            err.println("no drift samples in " + dir);
        }
        for (String id : ids) {
            try {
                Sample s = DriftSamples.load(dir, id).orElseThrow();
                out.println(String.join("  ", id, s.operation(), s.recordedAt(),
                        path(s.firstViolation().path("path").asText("")) + " " + s.firstViolation().path("rule").asText("")));
            } catch (IOException | RuntimeException e) {
                // A sample deleted by the bound while listing, or a file edited by hand: list the rest.
                out.println(id + "  unreadable (" + e.getClass().getSimpleName() + ")");
            }
        }
        return Main.OK;
    }

    private static String path(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static int fixture(Path dir, Path fixtures, String id, String name, PrintStream out, PrintStream err) throws IOException {
        Optional<Sample> sample = DriftSamples.load(dir, id);
        if (sample.isEmpty()) {
            err.println("no drift sample '" + id + "' in " + dir + "; `integrator drift list` shows the ids");
            return Main.USAGE;
        }
        String fixtureName = name != null ? name : "drift-" + sample.get().stamp().replace(".", "");
        if (!FIXTURE_NAME.matcher(fixtureName).matches()) {
            err.println("fixture name '" + fixtureName + "' must be letters, digits, '.', '_' or '-', starting with a lower-case letter or digit");
            return Main.USAGE;
        }
        Path file = fixtures.resolve(sample.get().contract()).resolve("bad").resolve(fixtureName + ".json");
        Files.createDirectories(file.getParent());
        byte[] json = (Json.PRETTY.writeValueAsString(DriftSamples.toFixture(sample.get())) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            // CREATE_NEW: an existing fixture is someone's reviewed case; never replace it.
            Files.write(file, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("fixture " + file + " already exists; give another name: integrator drift fixture " + id + " <name>");
            return Main.USAGE;
        }
        out.println(file);
        return Main.OK;
    }
}
