package dev.integrator.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.Envelope;
import dev.integrator.IntegrationException;
import dev.integrator.Meta;
import dev.integrator.chain.retry.RetryDecision;
import dev.integrator.http.UpstreamRequest;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.observe.OperationMeters;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * One call on its way through the chain: made once by the request link and reached from the exchange through
 * {@link #of}, the only key the links use. What is fixed for the call (operation, meters, correlation id, start and
 * deadline) is final; the rest is written by the one link that owns it: the request, each attempt and its wait for
 * the budget, the last response, the retry decision and, at the end, the envelope. The circuit breaker works on a copy
 * of the exchange; the copy shares this object, so what the retries count stays visible.
 */
public final class CallContext {

    private static final String PROPERTY = "integrator.call";
    private static final int MAX_REQUEST_ID = 128;
    private static final Pattern NOT_VISIBLE = Pattern.compile("[^\\x21-\\x7e]");

    private final OperationSpec spec;
    private final OperationMeters meters;
    private final String correlationId;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    /** The caller's parameters as validated against the contract: what a drift sample shows as the request. */
    private ObjectNode params;
    private UpstreamRequest request;
    private UpstreamResponse response;
    private int attempts;
    /** Time all attempts of this call waited for the request budget, and the part of it the current attempt waited. */
    private long throttleWaitMs;
    private long attemptWaitMs;
    private RetryDecision decision;
    private Throwable decidedFailure;
    /** The failure of the attempt whose token the provider refused, once a new token is to be tried; null before. */
    private Throwable tokenRefusal;
    private Envelope envelope;
    private String providerRequestId;
    /** Whether this call holds a slot of the provider's retry budget, and whether it has ended (given its counts back). */
    private boolean retryInFlight;
    private boolean ended;

    private CallContext(OperationSpec spec, OperationMeters meters, String correlationId) {
        this.spec = spec;
        this.meters = meters;
        this.correlationId = correlationId;
        this.deadlineNanos = startNanos + spec.provider().config().timeouts().deadlineMs() * 1_000_000;
    }

    /** Starts the call on {@code exchange}: the request link does this once, before anything can fail. */
    public static CallContext start(Exchange exchange, OperationSpec spec, OperationMeters meters, String correlationId) {
        CallContext call = new CallContext(spec, meters, correlationId);
        exchange.setProperty(PROPERTY, call);
        meters.started();
        spec.provider().retryBudget().callStarted();
        return call;
    }

    /** The call {@code exchange} carries; null when it never started (an operation the routes do not define). */
    public static CallContext of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, CallContext.class);
    }

    public OperationSpec spec() {
        return spec;
    }

    public OperationMeters meters() {
        return meters;
    }

    public String correlationId() {
        return correlationId;
    }

    public ObjectNode params() {
        return params;
    }

    public UpstreamRequest request() {
        return request;
    }

    /** The request link's result: the parameters as validated and the one upstream request built from them. */
    public void requestBuilt(ObjectNode params, UpstreamRequest request) {
        this.params = params;
        this.request = request;
    }

    /** Keeps the provider's id of {@code response}, when it has one, as the call's latest. */
    public void answered(UpstreamResponse response) {
        String id = requestIdOf(response);
        if (id != null) {
            providerRequestId = id;
        }
    }

    /**
     * The provider's id of {@code response} (its {@code requestIdHeader}); null when it has none. It is provider input
     * headed for logs and envelopes: only visible ASCII is kept, at most {@value #MAX_REQUEST_ID} characters.
     */
    public String requestIdOf(UpstreamResponse response) {
        return response.header(spec.provider().config().requestIdHeader())
                .map(v -> NOT_VISIBLE.matcher(v).replaceAll("")).filter(v -> !v.isEmpty())
                .map(v -> v.length() > MAX_REQUEST_ID ? v.substring(0, MAX_REQUEST_ID) : v).orElse(null);
    }

    /** The provider's id of the last answer that had one; null when none did. */
    public String providerRequestId() {
        return providerRequestId;
    }

    /** The last answer with the contract's success status; null until there is one. */
    public UpstreamResponse response() {
        return response;
    }

    public void responded(UpstreamResponse response) {
        this.response = response;
    }

    /** Upstream attempts so far. */
    public int attempts() {
        return attempts;
    }

    /** Counts a new attempt and returns its number, 1 for the first. */
    public int attemptStarted() {
        return ++attempts;
    }

    /** What the budget held the current attempt for; it adds to the call's total. */
    public void throttled(long waitedMs) {
        attemptWaitMs = waitedMs;
        throttleWaitMs += waitedMs;
    }

    /** What the budget held the current attempt for. */
    public long attemptWaitMs() {
        return attemptWaitMs;
    }

    /** What the budget held all attempts of the call for. */
    public long throttleWaitMs() {
        return throttleWaitMs;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Milliseconds left before the call's deadline; 0 or less when it has passed. */
    public long remainingMs() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    /**
     * The retry decision for {@code failure}, made by {@code decide} the first time it is asked: Camel asks twice per
     * failure (the delay, then retryWhile) and both must agree.
     */
    public RetryDecision decision(Throwable failure, Supplier<RetryDecision> decide) {
        if (decision == null || decidedFailure != failure) {
            // A new failure is the end of the retry that led to it (if any): its slot is free before the next is asked.
            releaseRetry();
            decision = decide.get();
            decidedFailure = failure;
        }
        return decision;
    }

    /** Why {@code failure} was not retried, when the retry policy judged it and said no; null otherwise. */
    public String notRetriedBecause(Throwable failure) {
        return decision != null && decidedFailure == failure && !decision.retry() ? decision.reason() : null;
    }

    /**
     * Asks the provider's retry budget for the retry about to be granted; the slot is held through its wait and attempt,
     * until the next decision or the call's end. False: the budget refused it.
     */
    public boolean takeRetry() {
        retryInFlight = spec.provider().retryBudget().tryAcquire();
        return retryInFlight;
    }

    private void releaseRetry() {
        if (retryInFlight) {
            retryInFlight = false;
            spec.provider().retryBudget().release();
        }
    }

    /**
     * The call leaves the retry budget's counts, once: success and failure both end here, and a failure inside the
     * success path reaches the failure path after it.
     */
    private void end() {
        if (!ended) {
            ended = true;
            releaseRetry();
            spec.provider().retryBudget().callEnded();
        }
    }

    /** Whether this call has not yet had its one retry with a new token. */
    public boolean mayRetryToken() {
        return tokenRefusal == null;
    }

    /** The provider refused the token of the attempt that failed with {@code failure}: it is tried once with a new one. */
    public void tokenRefused(Throwable failure) {
        tokenRefusal = failure;
    }

    /** Whether {@code failure} is the refusal that earns the call its one retry with a new token. */
    public boolean retriesToken(Throwable failure) {
        return failure != null && failure == tokenRefusal;
    }

    /** Attempts that count against {@code retry.maxAttempts}: all but the one retried with a new token. */
    public int countedAttempts() {
        return tokenRefusal == null ? attempts : attempts - 1;
    }

    /** The envelope's meta, as of now: the one place a started call's meta is made. */
    public Meta meta() {
        return new Meta(spec.provider().config().provider(), spec.id(), spec.contractId(), correlationId, attempts,
                elapsedNanos() / 1_000_000, providerRequestId);
    }

    /** The outcome link's success: the envelope of the DTO. */
    public Envelope succeeded(Object data) {
        end();
        envelope = Envelope.success(data, meta());
        return envelope;
    }

    /** The outcome link's failure: the typed error now carries the envelope, which this call keeps too. */
    public IntegrationException failed(IntegrationException failure) {
        end();
        failure.withMeta(meta());
        envelope = failure.envelope();
        return failure;
    }

    /** The call's envelope, once the outcome link has made it; null before. */
    public Envelope envelope() {
        return envelope;
    }
}
