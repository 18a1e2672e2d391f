package dev.integrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.Client;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.Meta;
import dev.integrator.OperationId;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.Operations;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.chain.base.TimeSource;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.contract.Contract;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.observe.ChainMetrics;
import dev.integrator.observe.Health;
import dev.integrator.observe.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The running integration layer: one Camel context serving {@code direct:<operation>} for every operation, and
 * the way Java calls them. {@link Assembly} puts it together from the definitions; nothing starts half-configured.
 * A provider's typed client is built on the {@link Client} it implements.
 */
public final class Integrator implements Client, AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Operations operations;
    private final Map<String, ProviderRuntime> providers;
    private final MeterRegistry meters;
    private final ChainMetrics metrics;
    private final Health.Dependency sharedQuota;
    /** Each operation's direct endpoint, resolved once: resolving it from its URI on every call normalizes the URI each time. */
    private final Map<String, Endpoint> endpoints = new HashMap<>();

    Integrator(CamelContext camel, Operations operations, Map<String, ProviderRuntime> providers, MeterRegistry meters,
            ChainMetrics metrics, Health.Dependency sharedQuota) {
        this.metrics = metrics;
        this.sharedQuota = sharedQuota;
        this.camel = camel;
        this.operations = operations;
        this.providers = providers;
        this.meters = meters;
        this.producer = camel.createProducerTemplate();
        operations.all().forEach(op -> endpoints.put(op.id(), camel.getEndpoint(OperationId.parse(op.id()).endpoint())));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Envelope call(String operation, Map<String, ?> params) {
        return call(operation, params, null);
    }

    public Envelope call(String operation, Map<String, ?> params, String correlationId) {
        try {
            // The outcome link made the envelope; a failure carries it in the exception.
            return CallContext.of(send(operation, params, correlationId)).envelope();
        } catch (IntegrationException e) {
            return e.envelope();
        }
    }

    @Override
    public <T> T request(String operation, Map<String, ?> params, Class<T> type) {
        return type.cast(send(operation, params, null).getMessage().getBody());
    }

    private Exchange send(String operation, Map<String, ?> params, String correlationId) {
        if (!operations.contains(operation)) {
            metrics.unknownOperation();
            throw IntegrationException.of(ErrorCode.INVALID_REQUEST, "unknown operation '" + operation + "'").notSent().build()
                    .withMeta(Meta.notRun(operation, correlationId));
        }
        Exchange done = producer.send(endpoints.get(operation), exchange -> {
            exchange.getMessage().setBody(params == null ? Map.of() : new LinkedHashMap<>(params));
            if (correlationId != null) {
                exchange.getMessage().setHeader(RequestStep.CORRELATION_HEADER, correlationId);
            }
        });
        Throwable failure = done.getException();
        if (failure instanceof CamelExecutionException cee && cee.getCause() != null) {
            failure = cee.getCause();
        }
        if (failure instanceof IntegrationException ie) {
            throw ie;
        }
        if (failure != null) {
            throw IntegrationException.of(ErrorCode.INTERNAL, "unexpected failure: " + failure.getClass().getSimpleName()).build()
                    .withMeta(Meta.notRun(operation, correlationId));
        }
        return done;
    }

    public Operations operations() {
        return operations;
    }

    public ProviderRuntime provider(String name) {
        return providers.get(name);
    }

    public CamelContext camel() {
        return camel;
    }

    /** The Redis that every instance's budgets and pauses are kept in, when INTEGRATOR_REDIS_URL names one. */
    public Optional<Health.Dependency> sharedQuota() {
        return Optional.ofNullable(sharedQuota);
    }

    /** Where integrator's metrics go, such as {@value DriftRecorder#METRIC}. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    @Override
    public void close() {
        camel.stop();
        metrics.close();
        // After the routes: no call is using a provider's connections any more.
        providers.values().forEach(p -> p.client().close());
    }

    public static final class Builder {
        // Read by Assembly, which puts the integrator together from them.
        Path home = Path.of(".");
        Map<String, String> env = System.getenv();
        final Map<String, JsonNode> overrides = new HashMap<>();
        final Map<String, String> pins = new HashMap<>();
        final Map<String, DtoMapping> mappings = new HashMap<>();
        Map<String, Contract> contracts;
        boolean operationBudgets = true;
        MeterRegistry meters;
        Path driftDir;
        int driftSamples = DriftRecorder.DEFAULT_MAX_SAMPLES;
        OpenTelemetry openTelemetry;
        TimeSource time = TimeSource.SYSTEM;
        String chain;

        /** The folder holding routes/, contracts/ and fixtures/; the working directory by default. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /**
         * Contracts the caller has already loaded from {@code contracts/} (and whose loading problems it reports), so
         * that one command reads them once; by default they are loaded from the home folder.
         */
        public Builder contracts(Map<String, Contract> contracts) {
            this.contracts = Map.copyOf(contracts);
            return this;
        }

        /** Where provider base URLs and credentials come from; the process environment by default. */
        public Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /**
         * Settings merged over {@code routes/<provider>/provider.yaml}, for tests and embedding; provider
         * {@code "*"} applies to every provider.
         */
        public Builder override(String provider, JsonNode settings) {
            overrides.put(provider, settings);
            return this;
        }

        /**
         * Runs every operation of a resource against another version of its contract than its routes name,
         * such as {@code pin("github.issues.v1")}: used to replay an older version's fixtures.
         */
        public Builder pin(String contractId) {
            pins.put(contractId.substring(0, contractId.lastIndexOf('.')), contractId);
            return this;
        }

        /** Where metrics are registered; a private SimpleMeterRegistry by default. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /**
         * Traces calls with the embedding application's OpenTelemetry (which it keeps and shuts down), whatever
         * {@value Tracing#ENV} says; without it, tracing is off unless {@code INTEGRATOR_TRACING=otel}.
         */
        public Builder tracing(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /** The folder of drift samples; by default INTEGRATOR_DRIFT_DIR from the env, else {@code <home>/data/drift}. */
        public Builder driftDir(Path driftDir) {
            this.driftDir = Objects.requireNonNull(driftDir, "driftDir");
            return this;
        }

        /**
         * Adds the DTO mapping of an operation that its contract does not declare, by {@code <contract id>.<operation>}:
         * for a provider that an embedding application defines in its own routes/ and contracts/. A key that is
         * already mapped (declared, or from a {@code DtoMappingProvider}) is a definition problem.
         */
        public Builder mapping(String key, DtoMapping mapping) {
            mappings.put(key, mapping);
            return this;
        }

        /**
         * The clocks of the request budgets and rate-limit pauses (monotonic) and of reading a provider's reset
         * times (wall); the system's by default. Tests step them instead of sleeping.
         */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Runs the operations through {@code template}, the text of a chain template declaring the shipped one's
         * parameters, instead of the chain shipped in the jar: for an embedding application that measures or extends
         * the chain in Java (the benchmarks measure it one link at a time). Route files stay uses of the template and
         * nothing else; a template that does not read or declares other parameters is a definition problem.
         */
        public Builder chain(String template) {
            this.chain = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * Leaves out the narrower per-operation budgets of the routes, for replays against the sandbox, which
         * is not the provider and has no quota. The provider budget (from the settings) still applies.
         */
        public Builder withoutOperationBudgets() {
            operationBudgets = false;
            return this;
        }

        /**
         * Drift samples kept per contract, the oldest dropped first; 50 by default. 0 keeps none, for replays of
         * known-bad fixtures, which are not drift.
         */
        public Builder driftSamples(int maxPerContract) {
            if (maxPerContract < 0) {
                throw new IllegalArgumentException("driftSamples must be 0 or more");
            }
            this.driftSamples = maxPerContract;
            return this;
        }

        /** Loads, checks and starts everything; every problem in every definition file is reported at once. */
        public Integrator start() {
            return Assembly.start(this);
        }
    }
}
