package dev.integrator.provider;

import dev.integrator.chain.attempt.TimeoutSettings;
import dev.integrator.chain.breaker.BreakerSettings;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.retry.RetrySettings;
import java.util.List;
import java.util.Map;

/**
 * A provider's settings, read from {@code routes/<provider>/provider.yaml}. Everything that differs between
 * providers (auth, headers, rate-limit signals, retry and breaker tuning) lives here, so the chain needs no
 * provider-specific code. The settings of one chain link (timeouts, budget, retry, breaker) are that link's record, in
 * its folder, with their own checks. Defaults sit in one place: {@code routes/defaults.yaml}. {@code correlationHeader}, when
 * set, is the request header that carries each call's correlation id to the provider. {@code maxRequestBytes} bounds
 * the parameters of one call (their size as JSON) and {@code maxResponseBytes} the body of one response.
 * {@code allowInsecureHttp} accepts a plain-http base URL to a host other than loopback, where the token and the data
 * travel unencrypted: off by default, and logged at start when on.
 */
public record ProviderConfig(
        String provider,
        String baseUrlEnv,
        String baseUrl,
        boolean allowInsecureHttp,
        Auth auth,
        Map<String, String> headers,
        String correlationHeader,
        TimeoutSettings timeouts,
        BudgetSettings budget,
        RetrySettings retry,
        RateLimit rateLimit,
        BreakerSettings breaker,
        Errors errors,
        long maxResponseBytes,
        long maxRequestBytes,
        Ops ops) {

    /** Bearer token from an environment variable; sent only to the provider's own host. */
    public record Auth(String scheme, String tokenEnv) {
    }

    /**
     * How the provider signals a rate limit besides 429 and Retry-After: a remaining/reset header pair (reset as
     * epoch seconds), and a 403 whose message matches {@code forbiddenMessagePattern}; {@code defaultWaitMs} is
     * the wait when a rate-limit answer names none. {@code resourceHeader}, when set, names the quota an answer
     * counted against; operations are on {@code coreResource} unless their route says otherwise. A rate-limit
     * answer pauses its resource for every operation on it, at most {@code maxPauseMs}, and each waiting call
     * adds up to {@code pauseJitterMs}.
     */
    public record RateLimit(
            String remainingHeader,
            String resetHeader,
            String resourceHeader,
            String coreResource,
            String forbiddenMessagePattern,
            long defaultWaitMs,
            long maxPauseMs,
            long pauseJitterMs) {
    }

    /**
     * What the ops notes say beyond the settings: the provider's documentation, its quota per credential and
     * hour, the scopes or permissions each operation needs, free-form notes, and the read-only requests that
 * {@code integrator sentinels --live} sends to the real provider (by operation id).
     */
    public record Ops(String documentation, Long quotaPerHour, String quotaNote, Map<String, String> scopes, List<String> notes,
            Map<String, Map<String, Object>> probes) {
    }

    /** JSON Pointers into the provider's error body: its message and its list of field errors. */
    public record Errors(String messagePointer, String detailsPointer) {
    }
}
