package dev.integrator.chain.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker that the operations of one group of a provider share, and when its open state ends.
 * Resilience4j keeps that moment to itself (no public accessor in 2.3), so it is taken from the transition to OPEN:
 * our breakers stay open for a constant {@code waitDurationInOpenState}.
 */
public final class BreakerGroup {

    private final CircuitBreaker breaker;
    private final Duration openFor;
    private volatile Instant openUntil = Instant.EPOCH;

    public BreakerGroup(String name, BreakerSettings settings) {
        this.breaker = CircuitBreaker.of(name, settings.circuitBreakerConfig());
        this.openFor = Duration.ofMillis(settings.waitDurationInOpenStateMs());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openUntil = event.getCreationTime().toInstant().plus(openFor);
            }
        });
    }

    /** The provider's id for its default group, {@code <provider>.<group>} for the others. */
    public String name() {
        return breaker.getName();
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * Milliseconds until the open breaker lets a call through again; null when it is not open (a half-open breaker
     * whose trial calls are taken decides when they end, which no one knows in advance).
     */
    public Long retryAfterMs(Instant now) {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return null;
        }
        long left = Duration.between(now, openUntil).toMillis();
        // The transition event follows the state change: a call rejected in between still sees the previous opening.
        return left > 0 ? left : openFor.toMillis();
    }
}
