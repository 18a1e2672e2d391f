package dev.integrator.chain.step;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.http.UpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log event per upstream attempt ({@code integrator.attempt}) and one per call outcome ({@code integrator.call}),
 * both at INFO. Each field is a structured argument: a field of its own in JSON, {@code name=value} in the text
 * format. Never logs parameters, headers or bodies; fields without a value are left out.
 */
public final class CallLog {

    private static final Logger ATTEMPT = LoggerFactory.getLogger("integrator.attempt");
    private static final Logger OUTCOME = LoggerFactory.getLogger("integrator.call");

    private CallLog() {
    }

    public static void attempt(CallContext s, UpstreamResponse response, IntegrationException failure, long latencyMs) {
        if (!ATTEMPT.isInfoEnabled()) {
            return;
        }
        Fields f = common(s);
        f.add("attempt", s.attempts());
        f.add("status", response == null ? null : response.status());
        f.add("latencyMs", latencyMs);
        f.add("throttleWaitMs", s.attemptWaitMs());
        f.add("breaker", s.spec().breaker().circuitBreaker().getState().name());
        f.add("code", failure == null ? null : failure.code().name());
        f.add("providerRequestId", response == null ? null : s.requestIdOf(response));
        ATTEMPT.info(f.message("attempt"), f.values());
    }

    public static void outcome(CallContext s, IntegrationException failure) {
        if (!OUTCOME.isInfoEnabled()) {
            return;
        }
        Fields f = common(s);
        f.add("outcome", failure == null ? "ok" : "error");
        f.add("code", failure == null ? null : failure.code().name());
        f.add("status", failure != null ? failure.status() : s.response() == null ? null : s.response().status());
        f.add("attempts", s.attempts());
        f.add("noRetry", failure == null ? null : s.notRetriedBecause(failure));
        f.add("durationMs", s.elapsedNanos() / 1_000_000);
        f.add("throttleWaitMs", s.throttleWaitMs());
        f.add("breaker", s.spec().breaker().circuitBreaker().getState().name());
        f.add("providerRequestId", s.providerRequestId());
        OUTCOME.info(f.message("call"), f.values());
    }

    private static Fields common(CallContext s) {
        Fields f = new Fields();
        f.add("provider", s.spec().provider().config().provider());
        f.add("operation", s.spec().id());
        f.add("contract", s.spec().contractId());
        f.add("correlationId", s.correlationId());
        return f;
    }

    private static final class Fields {
        private final List<Object> values = new ArrayList<>(12);

        void add(String name, Object value) {
            if (value != null) {
                values.add(kv(name, value));
            }
        }

        String message(String event) {
            return event + " {}".repeat(values.size());
        }

        Object[] values() {
            return values.toArray();
        }
    }
}
