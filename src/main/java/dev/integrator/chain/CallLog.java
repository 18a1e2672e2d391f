package dev.integrator.chain;

import dev.integrator.IntegrationException;
import dev.integrator.Meta;
import dev.integrator.http.UpstreamResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log event per upstream attempt and one per call outcome. Never logs parameters, headers or bodies. */
final class CallLog {

    private static final Logger ATTEMPT = LoggerFactory.getLogger("integrator.attempt");
    private static final Logger OUTCOME = LoggerFactory.getLogger("integrator.call");

    private CallLog() {
    }

    static void attempt(CallState s, UpstreamResponse response, IntegrationException failure, long latencyMs, long budgetWaitMs) {
        if (ATTEMPT.isDebugEnabled()) {
            ATTEMPT.debug("attempt operation={} correlationId={} attempt={} status={} error={} latencyMs={} budgetWaitMs={} breaker={}",
                    s.spec.id(), s.correlationId, s.attempts, response == null ? "-" : response.status(),
                    failure == null ? "-" : failure.code(), latencyMs, budgetWaitMs, s.spec.provider().breaker().getState());
        }
    }

    static void outcome(Meta meta, IntegrationException failure) {
        if (failure == null) {
            OUTCOME.info("call operation={} correlationId={} outcome=ok attempts={} durationMs={}",
                    meta.operation(), meta.correlationId(), meta.attempts(), meta.durationMs());
        } else {
            OUTCOME.info("call operation={} correlationId={} outcome=error code={} status={} attempts={} durationMs={}",
                    meta.operation(), meta.correlationId(), failure.code(), failure.status(), meta.attempts(), meta.durationMs());
        }
    }
}
