package dev.integrator.chain.breaker;

import dev.integrator.IntegrationException;
import dev.integrator.chain.base.SettingsCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;

/** When a provider's circuit breakers open and for how long ({@code breaker:} in the provider settings). */
public record BreakerSettings(
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        long waitDurationInOpenStateMs,
        int permittedCallsInHalfOpenState) {

    public List<String> problems() {
        return new SettingsCheck()
                .rule(failureRateThreshold > 0 && failureRateThreshold <= 100, "breaker.failureRateThreshold", "in (0, 100]",
                        failureRateThreshold)
                .rule(slidingWindowSize >= 1, "breaker.slidingWindowSize", ">= 1", slidingWindowSize)
                .rule(minimumNumberOfCalls >= 1, "breaker.minimumNumberOfCalls", ">= 1", minimumNumberOfCalls)
                .rule(waitDurationInOpenStateMs > 0, "breaker.waitDurationInOpenStateMs", "> 0", waitDurationInOpenStateMs)
                .rule(permittedCallsInHalfOpenState >= 1, "breaker.permittedCallsInHalfOpenState", ">= 1", permittedCallsInHalfOpenState)
                .problems();
    }

    /**
     * Only outages count against the breaker: 5xx after retries, timeouts, connection failures. A 4xx answer or
     * a rate limit says the provider is up, so it is ignored (neither success nor failure).
     */
    CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(Duration.ofMillis(waitDurationInOpenStateMs))
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                .recordException(BreakerSettings::isOutage)
                .ignoreException(e -> !isOutage(e))
                .writableStackTraceEnabled(false)
                .build();
    }

    /** Decided by what happened, which the exception carries, not by its code: a 451 and a 503 share UPSTREAM_ERROR. */
    private static boolean isOutage(Throwable e) {
        return e instanceof IntegrationException ie && ie.outage();
    }
}
