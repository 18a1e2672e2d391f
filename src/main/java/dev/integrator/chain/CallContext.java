package dev.integrator.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.Meta;
import dev.integrator.chain.retry.RetryDecision;
import dev.integrator.http.UpstreamRequest;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.observe.OperationMeters;

/**
 * The state of one call as it moves through the chain, kept in one exchange property. The circuit breaker
 * works on a copy of the exchange; the copy shares this object, so what the retries count stays visible.
 */
public final class CallContext {

    public static final String PROPERTY = "integrator.call";

    public final OperationSpec spec;
    public final OperationMeters meters;
    public final String correlationId;
    public final long startNanos = System.nanoTime();
    public final long deadlineNanos;
    /** The caller's parameters as validated against the contract: what a drift sample shows as the request. */
    public ObjectNode params;
    public UpstreamRequest request;
    public UpstreamResponse response;
    public int attempts;
    /** Time all attempts of this call waited for the request budget. */
    public long throttleWaitMs;
    public RetryDecision decision;
    public Throwable decidedFailure;

    public CallContext(OperationSpec spec, OperationMeters meters, String correlationId) {
        this.spec = spec;
        this.meters = meters;
        this.correlationId = correlationId;
        this.deadlineNanos = startNanos + spec.provider().config().timeouts().deadlineMs() * 1_000_000;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public long remainingMs() {
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
