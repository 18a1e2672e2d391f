package dev.integrator.drift;

import dev.integrator.redact.Redactor;
import dev.integrator.redact.SensitiveFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.contract.ContractOperation;
import dev.integrator.contract.Violation;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a response that breaks its contract, besides the CONTRACT_VIOLATION error: it is counted
 * ({@value #METRIC}, tagged provider, operation and contract) and a redacted sample is kept for diagnosis, at most
 * {@code maxPerContract} per contract, the oldest dropped first. Recording never fails the call: a sample that
 * cannot be written is logged and skipped.
 */
public final class DriftRecorder {

    public static final String METRIC = "integrator.contract.violations";
    public static final int DEFAULT_MAX_SAMPLES = 50;

    private static final Logger LOG = LoggerFactory.getLogger("integrator.drift");
    /** Transport framing, not content: a fixture replaying the sample sets its own. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    /**
     * One violation as the response link saw it. {@code body} is the parsed tree, or null when the link did not parse
     * the body (a status the contract does not expect) or it was not JSON: the sample then holds it parsed and masked
     * if it is JSON, else its raw text, redacted. {@code request} is the validated parameters.
     */
    public record Drift(String provider, String operation, ContractOperation contract, JsonNode request,
            UpstreamResponse response, JsonNode body, List<Violation> violations) {
    }

    private final Path dir;
    private final int maxPerContract;
    private final MeterRegistry meters;
    private final Redactor redactor;
    private final Clock clock;

    /** {@code maxPerContract} 0 keeps no samples (the count still runs). */
    public DriftRecorder(Path dir, int maxPerContract, MeterRegistry meters, Redactor redactor, Clock clock) {
        if (maxPerContract < 0) {
            throw new IllegalArgumentException("maxPerContract must be 0 or more");
        }
        this.dir = dir;
        this.maxPerContract = maxPerContract;
        this.meters = meters;
        this.redactor = redactor;
        this.clock = clock;
    }

    public void record(Drift drift) {
        // Tags name the operation only: ids, URLs and values would make one series per call and could leak data.
        Counter.builder(METRIC)
                .description("Provider responses that broke their contract")
                .tag("provider", drift.provider())
                .tag("operation", drift.operation())
                .tag("contract", drift.contract().contractId())
                .register(meters)
                .increment();
        if (maxPerContract == 0) {
            return;
        }
        try {
            write(drift);
        } catch (IOException | RuntimeException e) {
            // The exception's message could quote the body; its type and the folder are enough to act on.
            LOG.warn("drift sample not written: contract={} operation={} dir={} error={}", drift.contract().contractId(),
                    drift.operation(), dir, e.getClass().getSimpleName());
        }
    }

    private void write(Drift drift) throws IOException {
        // Milliseconds, as in the file name: one time for the sample, however it is read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] json = Json.PRETTY.writeValueAsBytes(sample(drift, now));
        Path folder = dir.resolve(drift.contract().contractId());
        Files.createDirectories(folder);
        Path file = folder.resolve(DriftSamples.fileName(now, drift.operation()));
        // Written aside and moved in, so `drift list` never reads half a sample.
        Path partial = folder.resolve("." + file.getFileName() + ".partial");
        Files.write(partial, json);
        synchronized (this) {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            List<Path> samples = DriftSamples.files(folder);
            for (int i = 0; i < samples.size() - maxPerContract; i++) {
                Files.deleteIfExists(samples.get(i));
            }
        }
    }

    private ObjectNode sample(Drift drift, Instant now) {
        ObjectNode sample = Json.MAPPER.createObjectNode();
        sample.put("operation", drift.operation());
        sample.put("contract", drift.contract().contractId());
        sample.put("recordedAt", now.toString());
        sample.set("request", drift.request() == null ? Json.MAPPER.createObjectNode() : redactor.json(drift.request()));
        ObjectNode response = sample.putObject("response");
        response.put("status", drift.response().status());
        ObjectNode headers = response.putObject("headers");
        drift.response().headers().forEach((name, values) -> {
            if (!name.startsWith(":") && !FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, redactor.header(name, String.join(", ", values)));
            }
        });
        JsonNode body = drift.body() != null ? drift.body() : parsed(drift.response().body());
        if (body != null && !body.isMissingNode()) {
            response.set("body", redactor.json(body, SensitiveFields.of(drift.contract().responseDocument())));
        } else if (body == null) {
            response.put("body", redactor.unparsedBody(new String(drift.response().body(), StandardCharsets.UTF_8)));
        }
        ArrayNode violations = sample.putArray("violations");
        drift.violations().forEach(v -> violations.add(Json.MAPPER.valueToTree(v.asDetail())));
        return sample;
    }

    /**
     * A body the response link did not parse (a status the contract does not expect) as JSON, so that it is masked
     * field by field like any other; null when it is not JSON. Trailing text fails it: the sample keeps it all.
     */
    private static JsonNode parsed(byte[] body) {
        try {
            return Json.WHOLE.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
