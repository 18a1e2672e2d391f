package dev.integrator.observe;

import dev.integrator.Integrator;
import dev.integrator.queue.Broker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness and readiness. Live while the process answers at all. Ready when the Camel context is started and the
 * broker (when there is one) is connected. Each provider's breaker states are reported ({@code breaker}: its default
 * group's; {@code breakers}: every group's, by name) but do not decide
 * readiness: an open breaker is the same on every instance, so taking instances out of rotation for it would
 * only turn fast CIRCUIT_OPEN answers into no answers.
 */
public final class Health {

    private final Integrator integrator;
    private final Broker broker;

    /** {@code broker} may be null: an integrator serving direct endpoints only. */
    public Health(Integrator integrator, Broker broker) {
        this.integrator = integrator;
        this.broker = broker;
    }

    public record Report(boolean up, Map<String, Object> body) {
    }

    public Report liveness() {
        return new Report(true, Map.of("status", "UP"));
    }

    public Report readiness() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean camel = integrator.camel().getStatus().isStarted();
        checks.put("camel", Map.of("status", status(camel)));
        boolean brokerUp = broker == null || broker.connected();
        if (broker != null) {
            checks.put("broker", Map.of("status", status(brokerUp), "broker", broker.describe()));
        }
        Map<String, Object> providers = new LinkedHashMap<>();
        integrator.operations().providers().forEach(p -> {
            Map<String, String> breakers = new LinkedHashMap<>();
            p.breakers().forEach(b -> breakers.put(b.name(), b.circuitBreaker().getState().name()));
            providers.put(p.config().provider(), Map.of("breaker", p.breaker().getState().name(), "breakers", breakers));
        });
        checks.put("providers", providers);
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
