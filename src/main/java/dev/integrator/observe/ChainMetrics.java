package dev.integrator.observe;

import dev.integrator.ErrorCode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every meter of the chain, registered when the integrator starts: per operation ({@link OperationMeters}), per
 * provider (throttle wait, breaker state and transitions), and one set for calls to an operation that does not
 * exist, tagged {@value #UNKNOWN} so that a caller's typo cannot create a time series.
 */
public final class ChainMetrics {

    public static final String BREAKER_STATE = "integrator.breaker.state";
    public static final String BREAKER_TRANSITIONS = "integrator.breaker.transitions";
    public static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Map<String, Timer> throttleWaits = new HashMap<>();
    private final Map<String, OperationMeters> operations = new HashMap<>();
    private final OperationMeters unknown;

    public ChainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unknown = new OperationMeters(registry, UNKNOWN, UNKNOWN, throttleWait(UNKNOWN));
    }

    /** Registers a provider's meters: its breaker's state as one gauge per state (1 for the current one) and its transitions. */
    public void provider(String provider, CircuitBreaker breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder(BREAKER_STATE, breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the breaker's current state, 0 for the others")
                    .tag("provider", provider).tag("state", name(state)).register(registry);
        }
        breaker.getEventPublisher().onStateTransition(event -> Counter.builder(BREAKER_TRANSITIONS)
                .description("Circuit breaker state changes").tag("provider", provider)
                .tag("from", name(event.getStateTransition().getFromState()))
                .tag("to", name(event.getStateTransition().getToState()))
                .register(registry).increment());
    }

    public OperationMeters operation(String provider, String operation) {
        return operations.computeIfAbsent(operation, op -> new OperationMeters(registry, provider, op, throttleWait(provider)));
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
