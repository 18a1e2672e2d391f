package dev.integrator.runtime;

import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.OperationId;
import dev.integrator.chain.Operations;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.budget.LocalQuotaStore;
import dev.integrator.chain.budget.QuotaStore;
import dev.integrator.chain.budget.shared.SharedQuotaStore;
import dev.integrator.chain.step.AttemptStep;
import dev.integrator.chain.step.BudgetStep;
import dev.integrator.chain.step.NormalizeStep;
import dev.integrator.chain.step.OutcomeStep;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.chain.step.ResponseStep;
import dev.integrator.chain.step.RetryDelay;
import dev.integrator.chain.step.RetryPolicy;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.drift.DriftSamples;
import dev.integrator.http.TrustStore;
import dev.integrator.internal.ChainBeans;
import dev.integrator.internal.ChainTemplate;
import dev.integrator.internal.ContextLimits;
import dev.integrator.internal.OperationResolver;
import dev.integrator.internal.RouteFiles;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.normalize.Mappings;
import dev.integrator.observe.ChainMetrics;
import dev.integrator.observe.Health;
import dev.integrator.observe.LogRedaction;
import dev.integrator.observe.Tracing;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import dev.integrator.redis.RedisEnv;
import dev.integrator.redact.Redactor;
import dev.integrator.sdk.SdkBinding;
import dev.integrator.sdk.SdkBindings;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.camel.Processor;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;

/**
 * Puts an {@link Integrator} together from what its builder says: loads contracts, provider settings and routes,
 * checks them together (every problem in every file at once, nothing starts half-configured), binds the chain's
 * steps under {@link ChainBeans}' names and starts Camel.
 */
final class Assembly {

    private final Integrator.Builder options;
    private final Home home;
    private final List<String> problems = new ArrayList<>();

    private Assembly(Integrator.Builder options) {
        this.options = options;
        this.home = Home.of(options.home);
    }

    static Integrator start(Integrator.Builder options) {
        return new Assembly(options).start();
    }

    private Integrator start() {
        Map<String, Contract> contracts = options.contracts != null ? options.contracts : ContractLoader.loadAll(home.contracts(), problems);
        Map<String, ProviderConfig> configs = ProviderLoader.loadAll(home.routes(), options.env, options.overrides, problems);
        Map<String, ProviderRuntime> providers = new LinkedHashMap<>();
        TrustStore.Trust trust = TrustStore.fromEnv(options.env, problems);
        SSLContext tls = trust == null ? null : trust.context();
        TokenStoreOnce tokenStore = new TokenStoreOnce(dataDir(), options.env);
        QuotaStore quota = quotaStore(configs);
        configs.values().forEach(config -> collect(null, () -> providers.put(config.provider(),
                new ProviderRuntime(config, options.env, tls, options.time, tokenStore, quota))));
        Map<String, DtoMapping> mappings = Mappings.build(contracts, options.mappings, problems);
        Map<String, SdkBinding> bindings = SdkBindings.load(configs, trust, problems);
        Tracing tracing = options.openTelemetry != null ? Tracing.with(options.openTelemetry)
                : collect(Tracing.off(), () -> Tracing.fromEnv(options.env));
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("integrator");
        try {
            camel.addService(tokenStore, true);
            camel.addService(new QuotaStoreService(quota), true);
        } catch (Exception e) {
            quota.close();
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
        ContextLimits.apply(camel);
        try {
            collect(null, () -> {
                RouteFiles.load(camel, home.routes(), options.chain == null ? ChainTemplate.shipped() : ChainTemplate.replacing(options.chain));
                return null;
            });
            Operations operations = collect(null, () -> OperationResolver.resolve(camel, providers, contracts, mappings, bindings, options.pins,
                    options.operationBudgets));
            if (!problems.isEmpty()) {
                throw new ConfigurationException("the definitions under " + home.root().toAbsolutePath().normalize(), problems);
            }
            MeterRegistry meterRegistry = options.meters != null ? options.meters : new SimpleMeterRegistry();
            ChainMetrics metrics = new ChainMetrics(meterRegistry);
            providers.forEach((name, provider) -> provider.breakers().forEach(b -> metrics.breaker(name, b.name(), b.circuitBreaker())));
            Health.Dependency sharedQuota = quota instanceof SharedQuotaStore shared ? sharedQuota(shared) : null;
            if (sharedQuota != null) {
                providers.keySet().forEach(name -> metrics.sharedQuota(name, sharedQuota::connected));
            }
            tracing.install(camel);
            bind(camel.getRegistry(), operations, metrics, tracing, configs, meterRegistry);
            camel.start();
            return new Integrator(camel, operations, providers, meterRegistry, metrics, sharedQuota);
        } catch (RuntimeException e) {
            camel.stop();
            quota.close();
            throw e;
        }
    }

    /** The chain's steps under the names the template refers to, and each operation's breaker. */
    private void bind(Registry registry, Operations operations, ChainMetrics metrics, Tracing tracing, Map<String, ProviderConfig> configs,
            MeterRegistry meterRegistry) {
        List<String> secrets = secrets(configs);
        // A provider's token may show up in any provider's data or logs: every provider's shapes apply everywhere.
        List<String> shapes = configs.values().stream().flatMap(config -> config.secretShapes().stream()).distinct().toList();
        LogRedaction.addSecrets(secrets, shapes);
        Redactor redactor = new Redactor(secrets, shapes);
        DriftRecorder drift = new DriftRecorder(options.driftDir != null ? options.driftDir : DriftSamples.defaultDir(home.root(), options.env),
                options.driftSamples, meterRegistry, redactor, Clock.systemUTC());
        registry.bind(ChainBeans.REQUEST, new RequestStep(operations, metrics));
        registry.bind(ChainBeans.BUDGET, new BudgetStep());
        registry.bind(ChainBeans.CALL, AttemptStep.traced(tracing, redactor));
        registry.bind(ChainBeans.RESPONSE, new ResponseStep(drift, redactor));
        registry.bind(ChainBeans.NORMALIZE, new NormalizeStep());
        OutcomeStep outcome = new OutcomeStep();
        registry.bind(ChainBeans.SUCCEED, (Processor) outcome::succeed);
        registry.bind(ChainBeans.FAIL, (Processor) outcome::fail);
        registry.bind(ChainBeans.RETRY_POLICY, new RetryPolicy());
        registry.bind(ChainBeans.RETRY_DELAY, new RetryDelay());
        // The template names its breaker per operation; the operations of one breaker group share one.
        operations.all().forEach(op -> registry.bind(ChainBeans.breaker(OperationId.parse(op.id())), op.breaker().circuitBreaker()));
    }

    /**
     * Where the budgets' counts and the pauses live: in Redis, shared by every instance, when INTEGRATOR_REDIS_URL is
     * set; else in this instance.
     */
    private QuotaStore quotaStore(Map<String, ProviderConfig> configs) {
        if (!RedisEnv.configured(options.env)) {
            return new LocalQuotaStore(options.time);
        }
        Map<String, BudgetSettings> budgets = new LinkedHashMap<>();
        configs.forEach((name, config) -> budgets.put(name, config.budget()));
        RedisURI uri = settingOrProblem(() -> RedisEnv.uri(options.env));
        Duration timeout = settingOrProblem(this::quotaTimeout);
        return uri == null || timeout == null ? new LocalQuotaStore(options.time)
                : new SharedQuotaStore(uri, RedisEnv.prefix(options.env), budgets, options.time, timeout);
    }

    /** A setting read from the environment, or null with its problem listed. */
    private <T> T settingOrProblem(Supplier<T> setting) {
        try {
            return setting.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private Duration quotaTimeout() {
        String ms = options.env.get(SharedQuotaStore.TIMEOUT_ENV);
        if (ms == null || ms.isBlank()) {
            return SharedQuotaStore.COMMAND_TIMEOUT;
        }
        if (!ms.trim().matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException(SharedQuotaStore.TIMEOUT_ENV + " must be a number of ms from 1 to 999999, but was " + ms);
        }
        return Duration.ofMillis(Long.parseLong(ms.trim()));
    }

    private static Health.Dependency sharedQuota(SharedQuotaStore store) {
        return new Health.Dependency() {
            @Override
            public boolean connected() {
                return store.available();
            }

            @Override
            public String describe() {
                return store.describe();
            }
        };
    }

    /** Where state that outlives a run is kept: INTEGRATOR_DATA_DIR, else {@code <home>/data}. */
    private Path dataDir() {
        String dir = options.env.get("INTEGRATOR_DATA_DIR");
        return dir == null || dir.isBlank() ? home.data() : Path.of(dir);
    }

    /** Every provider's credentials (tokens, OAuth client secrets, first refresh tokens) and the trust store's password. */
    private List<String> secrets(Map<String, ProviderConfig> configs) {
        Map<String, String> env = options.env;
        List<String> secrets = new ArrayList<>();
        if (env.get(TrustStore.PASSWORD_ENV) != null) {
            secrets.add(env.get(TrustStore.PASSWORD_ENV));
        }
        configs.values().forEach(config -> {
            ProviderConfig.Auth auth = config.auth();
            List<String> names = new ArrayList<>();
            names.add(auth == null ? null : auth.tokenEnv());
            if (auth != null && auth.oauth() != null) {
                names.addAll(Arrays.asList(auth.oauth().clientSecretEnv(), auth.oauth().refreshTokenEnv()));
            }
            names.stream().filter(name -> name != null && env.get(name) != null && !env.get(name).isBlank())
                    .forEach(name -> secrets.add(env.get(name)));
        });
        return secrets;
    }

    /** Runs one loading stage; its problems join the list so that all stages report together. */
    private <T> T collect(T fallback, Supplier<T> stage) {
        try {
            return stage.get();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }
}
