package dev.integrator.chain;

import dev.integrator.ConfigurationException;
import dev.integrator.IntegrationException;
import dev.integrator.http.UpstreamClient;
import dev.integrator.provider.ProviderConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one provider shares across its operations: settings, HTTP client, request budget, circuit breaker. */
public final class ProviderRuntime {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.provider");

    private final ProviderConfig config;
    private final UpstreamClient client;
    private final Budget budget;
    private final CircuitBreaker breaker;
    private final RateLimitSignals signals;
    private final Backoff backoff;

    /** @param tls the TLS context for the provider's connections, or null for the JDK default */
    public ProviderRuntime(ProviderConfig config, Map<String, String> env, SSLContext tls) {
        this.config = config;
        if (config.allowInsecureHttp()) {
            // The origin only: a base URL's path or query may carry what a log must not.
            URI base = URI.create(config.baseUrl());
            LOG.warn("provider {}: allowInsecureHttp is true, so a plain-http base URL to any host is accepted and the token and "
                    + "data would travel unencrypted; base URL origin {}://{}{}", config.provider(), base.getScheme(), base.getHost(),
                    base.getPort() < 0 ? "" : ":" + base.getPort());
        }
        this.client = new UpstreamClient(config.baseUrl(), authorization(config, env),
                Duration.ofMillis(config.timeouts().connectMs()), config.maxResponseBytes(), tls);
        this.budget = new Budget(config.provider(), config.budget().requestsPerSecond(), config.budget().burst(),
                System::currentTimeMillis);
        this.breaker = CircuitBreaker.of(config.provider(), breakerConfig(config.breaker()));
        this.signals = new RateLimitSignals(config.rateLimit());
        ProviderConfig.Retry r = config.retry();
        this.backoff = Backoff.exponential(r.initialDelayMs(), r.multiplier(), r.maxDelayMs(), r.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Only outages count against the breaker: 5xx after retries, timeouts, connection failures. A 4xx answer or
     * a rate limit says the provider is up, so it is ignored (neither success nor failure).
     */
    static CircuitBreakerConfig breakerConfig(ProviderConfig.Breaker b) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumNumberOfCalls())
                .failureRateThreshold(b.failureRateThreshold())
                .waitDurationInOpenState(Duration.ofMillis(b.waitDurationInOpenStateMs()))
                .permittedNumberOfCallsInHalfOpenState(b.permittedCallsInHalfOpenState())
                .recordException(ProviderRuntime::isOutage)
                .ignoreException(e -> !isOutage(e))
                .writableStackTraceEnabled(false)
                .build();
    }

    private static boolean isOutage(Throwable e) {
        return e instanceof IntegrationException ie && ie.code().isOutage();
    }

    private static String authorization(ProviderConfig config, Map<String, String> env) {
        if (config.auth() == null || config.auth().tokenEnv() == null) {
            return null;
        }
        String token = env.get(config.auth().tokenEnv());
        if (token == null || token.isBlank()) {
            return null;
        }
        if (token.contains("\r") || token.contains("\n")) {
            throw new ConfigurationException("environment", List.of(config.auth().tokenEnv() + " must not contain a line break"));
        }
        return (config.auth().scheme() == null ? "Bearer" : config.auth().scheme()) + " " + token.trim();
    }

    /** Back to a closed breaker and a full budget: each sentinel replay starts from the same state. */
    public void reset() {
        breaker.reset();
        budget.reset();
    }

    public ProviderConfig config() {
        return config;
    }

    public UpstreamClient client() {
        return client;
    }

    public Budget budget() {
        return budget;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public RateLimitSignals signals() {
        return signals;
    }

    public Backoff backoff() {
        return backoff;
    }
}
