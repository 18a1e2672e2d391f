package dev.integrator.observe;

import dev.integrator.ErrorCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import io.micrometer.core.instrument.Meter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Every meter of the chain, registered when the integrator starts: per operation ({@link OperationMeters}), per
 * provider (throttle wait) and breaker (state and transitions), and one set for calls to an operation that does not
 * exist, tagged {@value #UNKNOWN} so that a caller's typo cannot create a time series.
 */
public final class ChainMetrics implements AutoCloseable {

    public static final String BREAKER_STATE = "integrator.breaker.state";
    public static final String BREAKER_TRANSITIONS = "integrator.breaker.transitions";
    public static final String UNKNOWN = "unknown";
    public static final String QUOTA_SHARED = "integrator.quota.shared";

    private final MeterRegistry registry;
    private final Map<String, Timer> throttleWaits = new HashMap<>();
    private final OperationMeters unknown;
    /** Gauges read this integrator's objects; a registry keeps the first gauge of a name, so they go when it closes. */
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();

    public ChainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unknown = new OperationMeters(registry, UNKNOWN, UNKNOWN, throttleWait(UNKNOWN));
        gauges.add(unknown.inFlightGauge());
    }

    /**
     * Registers the meters of one of a provider's breakers ({@code name}: the provider's id for its default group,
     * {@code <provider>.<group>} for another): its state as one gauge per state (1 for the current one) and its transitions.
     */
    public void breaker(String provider, String name, CircuitBreaker breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            gauges.add(Gauge.builder(BREAKER_STATE, breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the breaker's current state, 0 for the others")
                    .tag("provider", provider).tag("breaker", name).tag("state", name(state)).register(registry));
        }
        breaker.getEventPublisher().onStateTransition(event -> Counter.builder(BREAKER_TRANSITIONS)
                .description("Circuit breaker state changes").tag("provider", provider).tag("breaker", name)
                .tag("from", name(event.getStateTransition().getFromState()))
                .tag("to", name(event.getStateTransition().getToState()))
                .register(registry).increment());
    }

    /**
     * Whether {@code provider}'s budgets and pauses are the ones every instance shares (1), or this instance's fallback
     * while the shared store does not answer (0).
     */
    public void sharedQuota(String provider, BooleanSupplier shared) {
        gauges.add(Gauge.builder(QUOTA_SHARED, shared, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 while the provider's quota is shared through Redis, 0 while budget.whenSharedUnavailable applies")
                .tag("provider", provider).strongReference(true).register(registry));
    }

    /** The meters of one operation; called once per operation while the integrator starts, on one thread. */
    public OperationMeters operation(String provider, String operation) {
        OperationMeters meters = new OperationMeters(registry, provider, operation, throttleWait(provider));
        gauges.add(meters.inFlightGauge());
        return meters;
    }

    /** Removes the gauges, so that a later integrator on the same registry reports its own state. Counts stay. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** A call to an operation that does not exist: counted, but not under the name the caller gave. */
    public void unknownOperation() {
        unknown.started();
        unknown.finished(ErrorCode.INVALID_REQUEST, 0);
    }

    private Timer throttleWait(String provider) {
        return throttleWaits.computeIfAbsent(provider, p -> Timer.builder(OperationMeters.THROTTLE_WAIT)
                .description("Time an attempt waited for the provider's request budget").tag("provider", p)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(20))
                .register(registry));
    }

    private static String name(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
