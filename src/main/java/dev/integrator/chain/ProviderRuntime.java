package dev.integrator.chain;

import dev.integrator.ConfigurationException;
import dev.integrator.IntegrationException;
import dev.integrator.http.UpstreamClient;
import dev.integrator.provider.ProviderConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * What one provider shares across its operations: settings, HTTP client, request budget and rate-limit pauses,
 * circuit breaker.
 */
public final class ProviderRuntime {

    private final ProviderConfig config;
    private final UpstreamClient client;
    private final Budget budget;
    private final CircuitBreaker breaker;
    private final RateLimitSignals signals;
    private final Backoff backoff;
    private final TimeSource time;
    private final RateLimitPauses pauses;

    /**
     * @param tls the TLS context for the provider's connections, or null for the JDK default
     * @param time the clocks of the budget and of reading the provider's reset times
     */
    public ProviderRuntime(ProviderConfig config, Map<String, String> env, SSLContext tls, TimeSource time) {
        this.config = config;
        this.client = new UpstreamClient(config.baseUrl(), authorization(config, env),
                Duration.ofMillis(config.timeouts().connectMs()), config.maxResponseBytes(), tls);
        this.time = time;
        this.budget = new Budget(config.provider(), config.budget().requestsPerSecond(), config.budget().burst(), time);
        this.breaker = CircuitBreaker.of(config.provider(), breakerConfig(config.breaker()));
        this.signals = new RateLimitSignals(config.rateLimit());
        this.pauses = new RateLimitPauses(config.provider(), signals, time, config.rateLimit().pauseJitterMs());
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

    /** Back to a closed breaker, a full budget and no pause: each sentinel replay starts from the same state. */
    public void reset() {
        breaker.reset();
        budget.reset();
        pauses.reset();
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

    public RateLimitPauses pauses() {
        return pauses;
    }

    public TimeSource time() {
        return time;
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
