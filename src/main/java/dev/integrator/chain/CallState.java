package dev.integrator.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.Meta;
import dev.integrator.http.UpstreamRequest;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.observe.OperationMeters;

/**
 * The state of one call as it moves through the chain, kept in one exchange property. The circuit breaker
 * works on a copy of the exchange; the copy shares this object, so what the retries count stays visible.
 */
public final class CallState {

    public static final String PROPERTY = "integrator.call";

    final OperationSpec spec;
    final OperationMeters meters;
    final String correlationId;
    final long startNanos = System.nanoTime();
    final long deadlineNanos;
    /** The caller's parameters as validated against the contract: what a drift sample shows as the request. */
    ObjectNode params;
    UpstreamRequest request;
    UpstreamResponse response;
    int attempts;
    /** Time all attempts of this call waited for the request budget. */
    long throttleWaitMs;
    RetryDecision decision;
    Throwable decidedFailure;

    CallState(OperationSpec spec, OperationMeters meters, String correlationId) {
        this.spec = spec;
        this.meters = meters;
        this.correlationId = correlationId;
        this.deadlineNanos = startNanos + spec.provider().config().timeouts().deadlineMs() * 1_000_000;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    long remainingMs() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    public Meta meta() {
        return new Meta(spec.provider().config().provider(), spec.id(), spec.contractId(), correlationId, attempts,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Upstream attempts so far. */
    public int attempts() {
        return attempts;
    }

    public OperationSpec spec() {
        return spec;
    }
}
