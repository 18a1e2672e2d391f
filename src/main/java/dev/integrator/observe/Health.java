package dev.integrator.observe;

import dev.integrator.queue.Broker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness and readiness. Live while the process answers at all. Ready when the Camel context is started and the
 * broker (when there is one) is connected. Each provider's breaker states are reported ({@code breaker}: its default
 * group's; {@code breakers}: every group's, by name) but do not decide
 * readiness: an open breaker is the same on every instance, so taking instances out of rotation for it would
 * only turn fast CIRCUIT_OPEN answers into no answers. Both come in as functions, so that observe needs neither the
 * integrator nor the chain.
 */
public final class Health {

    private final BooleanSupplier camelStarted;
    private final Supplier<Map<String, Object>> breakers;
    private final Broker broker;

    /**
     * @param camelStarted whether the Camel context is started
     * @param breakers every provider's breaker states, by provider, such as {@code Operations.breakerStates}
     * @param broker may be null: an integrator serving direct endpoints only
     */
    public Health(BooleanSupplier camelStarted, Supplier<Map<String, Object>> breakers, Broker broker) {
        this.camelStarted = camelStarted;
        this.breakers = breakers;
        this.broker = broker;
    }

    public record Report(boolean up, Map<String, Object> body) {
    }

    public Report liveness() {
        return new Report(true, Map.of("status", "UP"));
    }

    public Report readiness() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean camel = camelStarted.getAsBoolean();
        checks.put("camel", Map.of("status", status(camel)));
        boolean brokerUp = broker == null || broker.connected();
        if (broker != null) {
            checks.put("broker", Map.of("status", status(brokerUp), "broker", broker.describe()));
        }
        checks.put("providers", breakers.get());
        boolean up = camel && brokerUp;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("checks", checks);
        return new Report(up, body);
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
