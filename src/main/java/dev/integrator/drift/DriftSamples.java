package dev.integrator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.OperationId;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The drift folder: {@code <dir>/<contract>/<UTC timestamp>-<operation>-<random>.json}, one redacted sample per
 * contract violation. A sample's id is {@code <contract>/<file name without .json>}. The timestamp leads the
 * name so that name order is age order, which is how the recorder finds the oldest samples to drop.
 */
public final class DriftSamples {

    public static final String DIR_ENV = "INTEGRATOR_DRIFT_DIR";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    // Ids come from the command line: these shapes keep them inside the drift folder.
    private static final Pattern CONTRACT = Pattern.compile(OperationId.PROVIDER + "\\." + OperationId.RESOURCE + "\\.v[0-9]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One sample as written by the recorder. */
    public record Sample(String id, String contract, JsonNode json) {

        public String operation() {
            return json.path("operation").asText();
        }

        public String recordedAt() {
            return json.path("recordedAt").asText();
        }

        /** The first schema error, the one a fixture made from this sample expects. */
        public JsonNode firstViolation() {
            return json.path("violations").path(0);
        }

        /** The timestamp part of the file name, such as {@code 20261126T091240.123Z}. */
        public String stamp() {
            String name = id.substring(id.indexOf('/') + 1);
            int dash = name.indexOf('-');
            return dash < 0 ? name : name.substring(0, dash);
        }
    }

    private DriftSamples() {
    }

    /** {@code INTEGRATOR_DRIFT_DIR}, or {@code <home>/data/drift}. */
    public static Path defaultDir(Path home, Map<String, String> env) {
        String dir = env.get(DIR_ENV);
        return dir == null || dir.isBlank() ? home.resolve("data").resolve("drift") : Path.of(dir);
    }

    static String fileName(Instant at, String operation) {
        return STAMP.format(at) + "-" + operation + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24)) + ".json";
    }

    static boolean isSample(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && NAME.matcher(name).matches();
    }

    /** The files of one contract's folder, oldest first. */
    static List<Path> files(Path contractDir) throws IOException {
        try (Stream<Path> files = Files.list(contractDir)) {
            return files.filter(DriftSamples::isSample).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Every sample id, oldest first across contracts. */
    public static List<String> ids(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> contracts = Files.list(dir)) {
            for (Path contract : contracts.filter(Files::isDirectory).toList()) {
                if (CONTRACT.matcher(contract.getFileName().toString()).matches()) {
                    for (Path f : files(contract)) {
                        String name = f.getFileName().toString();
                        ids.add(contract.getFileName() + "/" + name.substring(0, name.length() - ".json".length()));
                    }
                }
            }
        }
        ids.sort(Comparator.comparing((String id) -> id.substring(id.indexOf('/') + 1)).thenComparing(id -> id));
        return ids;
    }

    /** The sample of {@code id}, or empty when the id is malformed or names no sample. */
    public static Optional<Sample> load(Path dir, String id) throws IOException {
        int slash = id.indexOf('/');
        if (slash < 0 || !CONTRACT.matcher(id.substring(0, slash)).matches() || !NAME.matcher(id.substring(slash + 1)).matches()) {
            return Optional.empty();
        }
        String contract = id.substring(0, slash);
        Path file = dir.resolve(contract).resolve(id.substring(slash + 1) + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new Sample(id, contract, Json.MAPPER.readTree(file.toFile())));
    }

    /**
     * A bad fixture in the project's format: the sample's request and response, expecting CONTRACT_VIOLATION with
     * the first violation's path (or, for a root-level error, its message) as the detail.
     */
    public static ObjectNode toFixture(Sample sample) {
        JsonNode first = sample.firstViolation();
        String path = first.path("path").asText("");
        String detail = path.isEmpty() ? first.path("message").asText("") : path;
        ObjectNode fixture = Json.MAPPER.createObjectNode();
        fixture.put("operation", sample.operation());
        fixture.put("description", "Drift recorded at " + sample.recordedAt() + ": " + (path.isEmpty() ? "/" : path) + " "
                + first.path("rule").asText("") + " (redacted sample " + sample.id() + ").");
        fixture.set("request", sample.json().path("request").isObject() ? sample.json().get("request") : Json.MAPPER.createObjectNode());
        ObjectNode response = fixture.putObject("response");
        response.put("status", sample.json().path("response").path("status").asInt());
        response.set("headers", sample.json().path("response").path("headers").isObject()
                ? sample.json().path("response").get("headers") : Json.MAPPER.createObjectNode());
        if (sample.json().path("response").has("body")) {
            response.set("body", sample.json().path("response").get("body"));
        }
        fixture.putObject("expect").putObject("error").put("code", "CONTRACT_VIOLATION").put("detail", detail);
        return fixture;
    }
}
