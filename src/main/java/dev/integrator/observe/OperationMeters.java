package dev.integrator.observe;

import dev.integrator.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one operation, created once when the integrator starts so that a call only increments. Tags are
 * provider, operation and at most one bounded value (outcome, error code, status class): no ids, no URLs.
 */
public final class OperationMeters {

    public static final String CALLS = "integrator.calls";
    public static final String CALL_DURATION = "integrator.call.duration";
    public static final String ATTEMPTS = "integrator.attempts";
    public static final String RETRIES = "integrator.retries";
    public static final String THROTTLE_WAIT = "integrator.throttle.wait";
    public static final String THROTTLE_REJECTIONS = "integrator.throttle.rejections";
    public static final String IN_FLIGHT = "integrator.calls.in.flight";
    public static final String RETRY_BUDGET_REFUSED = "integrator.retry.budget.refused";

    /**
     * Latency buckets from 5 ms to the longest deadline worth telling apart. Percentiles come from these buckets
     * (histogram_quantile in PromQL), which aggregate across instances; Prometheus cannot carry client-side
     * percentiles on a histogram as well.
     */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter ok;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Timer okDuration;
    private final Timer errorDuration;
    private final Counter[] attempts = new Counter[STATUS_CLASSES.length];
    private final Counter retries;
    private final Counter rejections;
    private final Counter retryBudgetRefused;
    private final Timer throttleWait;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Gauge inFlightGauge;

    OperationMeters(MeterRegistry registry, String provider, String operation, Timer throttleWait) {
        Tags tags = Tags.of("provider", provider, "operation", operation);
        this.ok = Counter.builder(CALLS).description("Calls by outcome and error code").tags(tags)
                .tag("outcome", "ok").tag("code", "none").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder(CALLS).description("Calls by outcome and error code").tags(tags)
                    .tag("outcome", "error").tag("code", code.name()).register(registry));
        }
        this.okDuration = duration(registry, tags, "ok");
        this.errorDuration = duration(registry, tags, "error");
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            attempts[i] = Counter.builder(ATTEMPTS).description("Upstream HTTP attempts by status class (none: no answer)")
                    .tags(tags).tag("status", STATUS_CLASSES[i]).register(registry);
        }
        this.retries = Counter.builder(RETRIES).description("Attempts after the first of a call").tags(tags).register(registry);
        this.rejections = Counter.builder(THROTTLE_REJECTIONS).description("Attempts refused because the budget wait was too long")
                .tags(tags).register(registry);
        this.retryBudgetRefused = Counter.builder(RETRY_BUDGET_REFUSED)
                .description("Retries not made because the provider's retry budget had no room: the failure was returned at once")
                .tags(tags).register(registry);
        this.throttleWait = throttleWait;
        this.inFlightGauge = Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get).description("Calls between request validation and outcome")
                .tags(tags).register(registry);
    }

    private static Timer duration(MeterRegistry registry, Tags tags, String outcome) {
        return Timer.builder(CALL_DURATION).description("Whole call, retries and waits included").tags(tags).tag("outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    Gauge inFlightGauge() {
        return inFlightGauge;
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /** The call's end: counted under its outcome, its duration recorded, and it leaves the in-flight gauge. */
    public void finished(ErrorCode error, long durationNanos) {
        inFlight.decrementAndGet();
        if (error == null) {
            ok.increment();
            okDuration.record(durationNanos, TimeUnit.NANOSECONDS);
        } else {
            errors.get(error).increment();
            errorDuration.record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One upstream attempt; {@code status} is 0 when no answer came (timeout, refused connection). */
    public void attempt(int attempt, int status) {
        attempts[status >= 100 && status < 600 ? status / 100 : 0].increment();
        if (attempt > 1) {
            retries.increment();
        }
    }

    public void throttled(long waitedMs) {
        throttleWait.record(waitedMs, TimeUnit.MILLISECONDS);
    }

    public void throttleRejected() {
        rejections.increment();
    }

    public void retryBudgetRefused() {
        retryBudgetRefused.increment();
    }
}
