package dev.integrator.chain.step;

import dev.integrator.bench.FullChain;
import dev.integrator.chain.OperationSpec;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process costs that do not depend on the body: our request step, and one Camel direct exchange. It sits in the
 * steps' package to reach the step's package-private request builder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FixedBenchmark {

    private Integrator integrator;
    private OperationSpec spec;
    private final Map<String, Object> params = Map.of("owner", "o", "repo", "r1k");
    private CamelContext camel;
    private ProducerTemplate producer;
    private final byte[] body = new byte[0];

    @Setup
    public void setUp() throws Exception {
        integrator = Integrator.builder().home(Path.of(System.getProperty("integrator.home", ".")))
                .env(Map.of("GITHUB_BASE_URL", "http://127.0.0.1:9")).override("github", FullChain.json(FullChain.UNLIMITED)).start();
        spec = integrator.operations().get("github.issues.list");
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:canned").process(e -> e.getMessage().setBody(body));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @TearDown
    public void tearDown() {
        camel.stop();
        integrator.close();
    }

    /** Request link: parameters checked against the contract (as RequestStep does first), URI and headers built. */
    @Benchmark
    public Object chainRequest() {
        return RequestStep.build(spec, spec.contract().validateRequest(params), null, null);
    }

    /** Camel's own floor: one exchange through a direct route with one processor. */
    @Benchmark
    public Object camelDirect() {
        return producer.requestBody("direct:canned", null, byte[].class);
    }
}
