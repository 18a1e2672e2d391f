package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.OperationId;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every {@code contracts/<provider>.events.<event>.vN.yaml} and compiles its payload schema at once; problems
 * of every file join the caller's list, as {@link ContractLoader} does for resources.
 */
public final class EventContractLoader {

    /** An event type as providers name them: lower-case words, with {@code _} and {@code .} between them. */
    public static final String EVENT = "[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*";
    private static final Pattern FILE_NAME = Pattern.compile("(" + OperationId.PROVIDER + ")\\.events\\.(" + EVENT
            + ")\\.v([0-9]+)\\.yaml");
    private static final Pattern EVENT_FILE = Pattern.compile(OperationId.PROVIDER + "\\.events\\..*\\.yaml");

    private EventContractLoader() {
    }

    /** Whether a file under contracts/ is an event contract (its second name part is {@code events}). */
    public static boolean isEventFile(Path file) {
        return EVENT_FILE.matcher(file.getFileName().toString()).matches();
    }

    /** The contract id of a provider's event at a version: {@code github.events.issues.v1}. */
    public static String id(String provider, String event, int version) {
        return provider + ".events." + event + ".v" + version;
    }

    public static Map<String, EventContract> loadAll(Path dir, List<String> problems) {
        Map<String, EventContract> contracts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(EventContractLoader::isEventFile).sorted().forEach(f -> {
                EventContract c = load(f, problems);
                if (c != null) {
                    contracts.put(c.id(), c);
                }
            });
        } catch (IOException e) {
            problems.add(dir + ": cannot list contracts: " + e.getMessage());
        }
        return contracts;
    }

    private static EventContract load(Path file, List<String> problems) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            problems.add(file
                    + ": file name must be <provider>.events.<event>.v<N>.yaml (an event in lower case, dots kept)");
            return null;
        }
        JsonNode root = ContractLoader.readYaml(file, problems);
        if (root == null) {
            return null;
        }
        int before = problems.size();
        String expectedId = id(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
        if (!expectedId.equals(root.path("id").asText())) {
            problems.add(file + ": id must be '" + expectedId + "' (the file name), but was '" + root.path("id")
                    .asText() + "'");
        }
        if (!m.group(1).equals(root.path("provider").asText()) || !m.group(2).equals(root.path("event").asText())
                || root.path("version").asInt(-1) != Integer.parseInt(m.group(3))) {
            problems.add(file + ": provider, event and version must match the file name");
        }
        String status = root.path("status").asText("active");
        if (!Contract.STATUSES.contains(status)) {
            problems.add(file + ": status must be one of " + Contract.STATUSES + ", but was '" + status + "'");
        }
        Map<String, String> provenance = ContractLoader.provenance(file, root, problems);
        JsonNode payload = root.path("payload");
        if (!payload.path("dto").isTextual() || !payload.path("schema").isObject()) {
            problems.add(file + ": payload must name its dto and give its schema");
        }
        JsonNode mappings = root.path("mappings");
        if (!mappings.isObject() || !root.path("records").isTextual()) {
            problems.add(file + ": records (the Java package) and mappings (the DTO records' components) are required");
        }
        if (problems.size() > before) {
            return null;
        }
        JsonNode document = ContractLoader.document(payload.get("schema"), root.path("schemas"));
        Schema schema;
        try {
            schema = Schema.compile(document);
            // Unresolvable $refs only show when used: validate a null once to surface them now.
            schema.validate(Json.MAPPER.nullNode());
        } catch (RuntimeException e) {
            problems.add(file + ": payload.schema does not compile: " + e.getMessage());
            return null;
        }
        return new EventContract(expectedId, m.group(1), m.group(2), Integer.parseInt(m.group(3)), status,
                Map.copyOf(provenance),
                payload.get("dto").asText(), schema, document, root.get("records").asText(), mappings);
    }
}
