package dev.integrator.chain.budget;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.http.UpstreamResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A provider's pauses, one per rate-limit resource its operations declare. A provider counts some requests against
 * separate quotas (GitHub: search against {@code search}, the rest of REST against {@code core}) and says which one
 * an answer counted against in a header; a used-up search quota must not stop issue reads.
 */
public final class RateLimitPauses {

    private final String provider;
    private final RateLimitSignals signals;
    private final QuotaStore store;
    private final long jitterMs;
    private final Map<String, PauseGate> gates = new ConcurrentHashMap<>();

    public RateLimitPauses(String provider, RateLimitSignals signals, QuotaStore store, long jitterMs) {
        this.provider = provider;
        this.signals = signals;
        this.store = store;
        this.jitterMs = jitterMs;
    }

    /** The pause of {@code resource}, made when the first operation on that resource is resolved. */
    public PauseGate of(String resource) {
        return gates.computeIfAbsent(resource,
                r -> new PauseGate(provider, r, store.pause(provider, r), jitterMs, () -> ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * After an answer: a rate-limit answer pauses for the wait it carries, and an answer saying the quota is used up
     * (even a success) pauses until the reset. The pause is the resource the answer names, else the resource of the
     * operation that got it ({@code own}); a named resource no operation uses pauses nothing.
     */
    public void after(UpstreamResponse response, IntegrationException failure, PauseGate own, Instant now) {
        long waitMs = signals.exhaustedWaitMs(response, now).orElse(0);
        if (failure != null && failure.code() == ErrorCode.RATE_LIMITED && failure.retryAfterMs() != null) {
            waitMs = Math.max(waitMs, failure.retryAfterMs());
        }
        if (waitMs <= 0) {
            return;
        }
        Optional<String> named = signals.resource(response);
        PauseGate gate = named.isPresent() ? gates.get(named.get()) : own;
        if (gate != null) {
            gate.pauseFor(waitMs);
        }
    }

    public void reset() {
        gates.values().forEach(PauseGate::reset);
    }
}
