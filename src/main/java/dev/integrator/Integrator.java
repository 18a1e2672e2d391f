package dev.integrator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.Operations;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.chain.TimeSource;
import dev.integrator.chain.attempt.AttemptStep;
import dev.integrator.chain.budget.BudgetStep;
import dev.integrator.chain.outcome.OutcomeStep;
import dev.integrator.chain.request.RequestStep;
import dev.integrator.chain.response.NormalizeStep;
import dev.integrator.chain.response.ResponseStep;
import dev.integrator.chain.retry.RetryDelay;
import dev.integrator.chain.retry.RetryPolicy;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.drift.DriftSamples;
import dev.integrator.redact.Redactor;
import dev.integrator.github.GitHub;
import dev.integrator.http.TrustStore;
import dev.integrator.internal.ContextLimits;
import dev.integrator.internal.OperationResolver;
import dev.integrator.internal.RouteFiles;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.normalize.Mappings;
import dev.integrator.observe.ChainMetrics;
import dev.integrator.observe.LogRedaction;
import dev.integrator.observe.Tracing;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The running integration layer: contracts, provider settings and YAML routes loaded and checked together,
 * then one Camel context serving {@code direct:<operation>} for every operation. Nothing starts half-configured:
 * every problem in every file is reported at once.
 */
public final class Integrator implements AutoCloseable {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Operations operations;
    private final Map<String, ProviderRuntime> providers;
    private final MeterRegistry meters;
    private final ChainMetrics metrics;
    /** Each operation's direct endpoint, resolved once: resolving it from its URI on every call normalizes the URI each time. */
    private final Map<String, Endpoint> endpoints = new HashMap<>();

    private Integrator(CamelContext camel, Operations operations, Map<String, ProviderRuntime> providers, MeterRegistry meters,
            ChainMetrics metrics) {
        this.metrics = metrics;
        this.camel = camel;
        this.operations = operations;
        this.providers = providers;
        this.meters = meters;
        this.producer = camel.createProducerTemplate();
        operations.all().forEach(op -> endpoints.put(op.id(), camel.getEndpoint("direct:" + op.id())));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Calls one operation and returns its envelope; never throws for a provider or request failure. */
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

    /** Calls one operation and returns its DTO, or throws IntegrationException carrying the error envelope. */
    public <T> T request(String operation, Map<String, ?> params, Class<T> type) {
        return type.cast(send(operation, params, null).getMessage().getBody());
    }

    private Exchange send(String operation, Map<String, ?> params, String correlationId) {
        if (!operations.contains(operation)) {
            metrics.unknownOperation();
            throw IntegrationException.of(ErrorCode.INVALID_REQUEST, "unknown operation '" + operation + "'").notSent().build()
                    .withMeta(Meta.notStarted(null, operation, correlationId));
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
                    .withMeta(Meta.notStarted(null, operation, correlationId));
        }
        return done;
    }

    public GitHub github() {
        return new GitHub(this);
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

    /** Where integrator's metrics go, such as {@value DriftRecorder#METRIC}. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    @Override
    public void close() {
        camel.stop();
        metrics.close();
    }

    public static final class Builder {
        private Path home = Path.of(".");
        private Map<String, String> env = System.getenv();
        private final Map<String, JsonNode> overrides = new HashMap<>();
        private final Map<String, String> pins = new HashMap<>();
        private final Map<String, DtoMapping> mappings = new HashMap<>();
        private boolean operationBudgets = true;
        private MeterRegistry meters;
        private Path driftDir;
        private int driftSamples = DriftRecorder.DEFAULT_MAX_SAMPLES;
        private OpenTelemetry openTelemetry;
        private TimeSource time = TimeSource.SYSTEM;

        /** The folder holding routes/, contracts/ and fixtures/; the working directory by default. */
        public Builder home(Path home) {
            this.home = home;
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
         * Adds the DTO mapping of an operation that is not built in, by {@code <contract id>.<operation>}: for a
         * provider that an embedding application defines in its own routes/ and contracts/. A key that a built-in
         * mapping already has is a definition problem.
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

        public Integrator start() {
            Path routes = home.resolve("routes");
            List<String> problems = new ArrayList<>();
            Map<String, Contract> contracts = ContractLoader.loadAll(home.resolve("contracts"), problems);
            Map<String, ProviderConfig> configs = ProviderLoader.loadAll(routes, env, overrides, problems);
            Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
            SSLContext tls = TrustStore.fromEnv(env, problems);
            configs.values().forEach(config -> collect(problems, null, () -> providers.put(config.provider(), new ProviderRuntime(config, env, tls, time))));
            Map<String, DtoMapping> mappings = new HashMap<>(Mappings.all());
            this.mappings.forEach((key, mapping) -> {
                if (mappings.putIfAbsent(key, mapping) != null) {
                    problems.add("mapping " + key + " is built in and cannot be replaced");
                }
            });

            Tracing tracing = openTelemetry != null ? Tracing.with(openTelemetry) : collect(problems, Tracing.off(), () -> Tracing.fromEnv(env));
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.getCamelContextExtension().setName("integrator");
            ContextLimits.apply(camel);
            try {
                collect(problems, null, () -> {
                    RouteFiles.load(camel, routes);
                    return null;
                });
                Operations operations = collect(problems, null, () -> OperationResolver.resolve(camel, providers, contracts, mappings, pins, operationBudgets));
                if (!problems.isEmpty()) {
                    throw new ConfigurationException("the definitions under " + home.toAbsolutePath().normalize(), problems);
                }
                MeterRegistry meterRegistry = meters != null ? meters : new SimpleMeterRegistry();
                ChainMetrics metrics = new ChainMetrics(meterRegistry);
                providers.forEach((name, provider) -> provider.breakers().forEach(b -> metrics.breaker(name, b.name(), b.circuitBreaker())));
                List<String> secrets = secrets(configs);
                LogRedaction.addSecrets(secrets);
                Redactor redactor = new Redactor(secrets);
                DriftRecorder drift = new DriftRecorder(driftDir != null ? driftDir : DriftSamples.defaultDir(home, env), driftSamples,
                        meterRegistry, redactor, Clock.systemUTC());
                tracing.install(camel);
                var registry = camel.getRegistry();
                registry.bind("integratorRequest", new RequestStep(operations, metrics));
                registry.bind("integratorBudget", new BudgetStep());
                registry.bind("integratorCall", AttemptStep.traced(tracing, redactor));
                registry.bind("integratorResponse", new ResponseStep(drift, redactor));
                registry.bind("integratorNormalize", new NormalizeStep());
                registry.bind("integratorOutcome", new OutcomeStep());
                registry.bind("integratorRetryPolicy", new RetryPolicy());
                registry.bind("integratorRetryDelay", new RetryDelay());
                // The template names its breaker per operation; the operations of one breaker group share one.
                operations.all().forEach(op -> registry.bind("breaker." + op.id(), op.breaker().circuitBreaker()));
                camel.start();
                return new Integrator(camel, operations, providers, meterRegistry, metrics);
            } catch (RuntimeException e) {
                camel.stop();
                throw e;
            }
        }

        /** Every provider's credential and the trust store's password: masked wherever they show up. */
        private List<String> secrets(Map<String, ProviderConfig> configs) {
            List<String> secrets = new ArrayList<>();
            if (env.get(TrustStore.PASSWORD_ENV) != null) {
                secrets.add(env.get(TrustStore.PASSWORD_ENV));
            }
            configs.values().forEach(config -> {
                if (config.auth() != null && config.auth().tokenEnv() != null && env.get(config.auth().tokenEnv()) != null) {
                    secrets.add(env.get(config.auth().tokenEnv()));
                }
            });
            return secrets;
        }

        /** Runs one loading stage; its problems join the list so that all stages report together. */
        private static <T> T collect(List<String> problems, T fallback, Supplier<T> stage) {
            try {
                return stage.get();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
                return fallback;
            }
        }
    }
}
