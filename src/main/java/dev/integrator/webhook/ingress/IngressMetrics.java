package dev.integrator.webhook.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@value #DELIVERIES}: deliveries by provider and {@link Outcome}, and {@value #DURATION}: how long the answer
 * took, by provider and outcome (the provider's deadline is GitHub's 10 s, Slack's 3 s). Tags never carry ids or
 * values: one series per provider and outcome.
 */
final class IngressMetrics {

    static final String DELIVERIES = "integrator.webhook.deliveries";
    static final String DURATION = "integrator.webhook.duration";

    private final MeterRegistry registry;

    IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String provider, Outcome outcome, Duration took) {
        Counter.builder(DELIVERIES).description("Webhook deliveries by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome.tag()).register(registry).increment();
        // A histogram, so that the answer time is compared with the provider's deadline by percentile.
        Timer.builder(DURATION).description("Time from a webhook delivery's arrival to its answer")
                .tag("provider", provider).tag("outcome", outcome.tag()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry).record(took);
    }
}
