package dev.integrator.chain.budget;

import dev.integrator.chain.base.TimeSource;
import dev.integrator.http.UpstreamResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider's paces, one per rate-limit resource, as its pauses: a search answer paces searches, not issue reads.
 * Each follows what the answers on its resource say is left of the quota; see {@link RatePace}.
 */
public final class RatePaces {

    private final String provider;
    private final RateLimitSignals signals;
    private final RateLimitSettings settings;
    private final double budgetRps;
    private final QuotaStore store;
    private final TimeSource time;
    private final Map<String, RatePace> paces = new ConcurrentHashMap<>();

    /** @param budgetRps the provider budget's rate: a pace no slower than it would only cost a bucket round trip */
    public RatePaces(String provider, RateLimitSignals signals, RateLimitSettings settings, double budgetRps, QuotaStore store,
            TimeSource time) {
        this.provider = provider;
        this.signals = signals;
        this.settings = settings;
        this.budgetRps = budgetRps;
        this.store = store;
        this.time = time;
    }

    /** The pace of {@code resource}, made when its first call draws from it. */
    public RatePace of(String resource) {
        return paces.computeIfAbsent(resource, r -> new RatePace(provider, r, store, time));
    }

    /**
     * After an answer: the pace of the resource it names (else {@code own}'s) follows what it says is left, or is
     * lifted when it says nothing. A named resource no call has drawn from is left alone, as by the pauses.
     */
    public void after(UpstreamResponse response, String own, Instant now) {
        if (!settings.pace() || !settings.reportsRemaining()) {
            return;
        }
        Optional<String> named = signals.resource(response);
        RatePace pace = named.isPresent() ? paces.get(named.get()) : of(own);
        if (pace == null) {
            return;
        }
        Optional<QuotaReport> report = signals.report(response, now);
        if (report.isPresent()) {
            pace.follow(new QuotaReport(report.get().remaining(), Math.min(report.get().resetMs(), settings.maxPauseMs())), budgetRps);
        } else {
            pace.lift();
        }
    }

    public void reset() {
        paces.values().forEach(RatePace::lift);
    }
}
