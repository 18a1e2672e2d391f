package dev.integrator.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * Liveness and readiness. Live while the process answers at all. Ready when the Camel context is started and the
 * broker (when there is one) is connected. Each provider's breaker states are reported ({@code breaker}: its default
 * group's; {@code breakers}: every group's, by name) but do not decide
 * readiness: an open breaker is the same on every instance, so taking instances out of rotation for it would
 * only turn fast CIRCUIT_OPEN answers into no answers. It is handed what it reports on, so it knows neither the
 * integrator nor the queues.
 */
public final class Health {

    /** Something readiness waits for, such as the broker. */
    public interface Dependency {
        boolean connected();

        /** Where it is, for the report; never a credential. */
        String describe();
    }

    private final CamelContext camel;
    private final Supplier<Map<String, ?>> breakers;
    private final Dependency broker;

    /**
     * {@code breakers}: each provider's breaker states, by provider name, read at every report. {@code broker} may be
     * null: an integrator serving direct endpoints only.
     */
    public Health(CamelContext camel, Supplier<Map<String, ?>> breakers, Dependency broker) {
        this.camel = camel;
        this.breakers = breakers;
        this.broker = broker;
    }

    public record Report(boolean up, Map<String, Object> body) {
    }

    private final Map<String, Dependency> shown = new LinkedHashMap<>();

    /**
     * Reports a dependency under {@code name} without letting it decide readiness: the webhook ingress and its
     * delivery log, which fails open (a store that does not answer lets deliveries through rather than refuse them).
     */
    public Health show(String name, Dependency dependency) {
        shown.put(name, dependency);
        return this;
    }

    public Report liveness() {
        return new Report(true, Map.of("status", "UP"));
    }

    public Report readiness() {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean started = camel.getStatus().isStarted();
        checks.put("camel", Map.of("status", status(started)));
        boolean brokerUp = broker == null || broker.connected();
        if (broker != null) {
            checks.put("broker", Map.of("status", status(brokerUp), "broker", broker.describe()));
        }
        shown.forEach((name, dependency) -> checks.put(name,
                Map.of("status", status(dependency.connected()), "where", dependency.describe())));
        checks.put("providers", breakers.get());
        boolean up = started && brokerUp;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("checks", checks);
        return new Report(up, body);
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
