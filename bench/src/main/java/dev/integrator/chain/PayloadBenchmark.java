package dev.integrator.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import dev.integrator.bench.FullChain;
import dev.integrator.bench.HandWritten;
import dev.integrator.bench.Homes;
import dev.integrator.bench.Payload;
import dev.integrator.chain.step.NormalizeStep;
import dev.integrator.chain.step.ResponseStep;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.runtime.Integrator;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-process part of a call, without sockets, per payload: what (b) does with a body, what our response
 * and normalization steps do with it, and the whole chain in Camel with the HTTP call replaced by a canned
 * answer. Run with {@code -prof gc} for bytes per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PayloadBenchmark {

    @Param({"KB1", "KB5", "KB50"})
    public String payload;

    private byte[] body;
    private UpstreamResponse response;
    private final ObjectMapper handMapper = new ObjectMapper();
    private JsonSchema handSchema;
    private Integrator canned;
    private OperationSpec spec;
    private dev.integrator.observe.OperationMeters meters;
    private Map<String, Object> params;
    /** Drift samples are written only for a violation; this benchmark's bodies are valid, so none is kept. */
    private final ResponseStep responseStep = new ResponseStep(new dev.integrator.drift.DriftRecorder(
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bench-drift"), 0,
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), new dev.integrator.redact.Redactor(java.util.List.of()),
            java.time.Clock.systemUTC()), new dev.integrator.redact.Redactor(java.util.List.of("bench-token-value")));
    private final NormalizeStep normalizeStep = new NormalizeStep();

    @Setup
    public void setUp() throws Exception {
        Payload p = Payload.valueOf(payload);
        body = p.body();
        response = new UpstreamResponse(200, Map.of("Content-Type", List.of("application/json")), body,
                URI.create("http://127.0.0.1:9" + p.path()));
        CannedCall.response = response;
        Path repo = Path.of(System.getProperty("integrator.home", "."));
        canned = Integrator.builder().home(repo).chain(Homes.canned()).env(Map.of("GITHUB_BASE_URL", "http://127.0.0.1:9"))
                .override("github", FullChain.json(FullChain.UNLIMITED)).start();
        spec = canned.operations().get("github.issues.list");
        meters = new dev.integrator.observe.ChainMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .operation("github", spec.id());
        handSchema = HandWritten.compile(spec.contract().responseDocument());
        params = Map.of("owner", "o", "repo", p.repo);
    }

    @TearDown
    public void tearDown() {
        canned.close();
    }

    /** (b) without the socket: Jackson parse, networknt validation with the cached schema, mapping. */
    @Benchmark
    public Object handWritten() throws Exception {
        return HandWritten.parse(handMapper, handSchema, body);
    }

    /** Our response validation and normalization steps, as the chain runs them on one exchange. */
    @Benchmark
    public Object chainValidateAndNormalize() {
        Exchange exchange = new DefaultExchange(canned.camel());
        CallContext.start(exchange, spec, meters, "bench").responded(response);
        responseStep.process(exchange);
        normalizeStep.process(exchange);
        return exchange.getMessage().getBody();
    }

    /** The whole chain in Camel, every link but the socket (the HTTP call answers a prepared response). */
    @Benchmark
    public Object chainWithoutSocket() {
        return canned.request("github.issues.list", params, Object.class);
    }
}
