package dev.integrator.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.chain.attempt.TimeoutSettings;
import dev.integrator.chain.breaker.BreakerSettings;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.budget.RateLimitSettings;
import dev.integrator.chain.retry.RetrySettings;
import java.util.List;
import java.util.Map;

/**
 * A provider's settings, read from {@code routes/<provider>/provider.yaml}. Everything that differs between
 * providers (auth, headers, body encoding, error dialect, rate-limit signals, retry and breaker tuning, secret shapes)
 * lives here, so the chain needs no provider-specific code. The settings of one chain link (timeouts, budget and its
 * rate-limit signals, retry, breaker) are that link's record, in its folder. Defaults sit in one place:
 * {@code routes/defaults.yaml}. {@code correlationHeader}, when
 * set, is the request header that carries each call's correlation id to the provider. {@code maxRequestBytes} bounds
 * the parameters of one call (their size as JSON) and {@code maxResponseBytes} the body of one response.
 * {@code allowInsecureHttp} accepts a plain-http base URL to a host other than loopback, where the token and the data
 * travel unencrypted: off by default, and logged at start when on. {@code idempotencyHeader}, when set, is the header
 * that carries a call's idempotency key (Stripe's {@code Idempotency-Key}). {@code requestIdHeader}, when set, is the
 * answer header holding the provider's id of the request (Stripe's {@code Request-Id}): the last one goes into the
 * envelope's meta and the call's log line. {@code versionHeader}, when set, is the request header that pins the
 * provider's API version (Stripe's {@code Stripe-Version}) to the {@code providerVersion} of each operation's contract,
 * which every contract of the provider must then name. {@code bodyEncoding} is how body
 * parameters are written: {@value #JSON}, or {@value #FORM} ({@code application/x-www-form-urlencoded} with nested
 * keys, see {@code http/FormEncoder}). {@code secretShapes} are regular expressions of the provider's credentials
 * (GitHub's {@code ghp_...}), masked in logs, errors and samples wherever they appear.
 */
public record ProviderConfig(
        String provider,
        String baseUrlEnv,
        String baseUrl,
        boolean allowInsecureHttp,
        Auth auth,
        Map<String, String> headers,
        String correlationHeader,
        String idempotencyHeader,
        String requestIdHeader,
        String versionHeader,
        String bodyEncoding,
        List<String> secretShapes,
        TimeoutSettings timeouts,
        BudgetSettings budget,
        RetrySettings retry,
        RateLimitSettings rateLimit,
        BreakerSettings breaker,
        Errors errors,
        long maxResponseBytes,
        long maxRequestBytes,
        Ops ops) {

    public static final String JSON = "json";
    public static final String FORM = "form";

    /** Bearer token from an environment variable; sent only to the provider's own host. */
    public record Auth(String scheme, String tokenEnv) {
    }

    /**
     * What the ops notes say beyond the settings: the provider's documentation, its quota per credential and
     * hour, the scopes or permissions each operation needs, free-form notes, and the read-only requests that
 * {@code integrator sentinels --live} sends to the real provider (by operation id).
     */
    public record Ops(String documentation, Long quotaPerHour, String quotaNote, Map<String, String> scopes, List<String> notes,
            Map<String, Map<String, Object>> probes) {
    }

    /**
     * How an answer becomes our error (see {@link ErrorDialect}): {@code statuses} maps a status to our code;
     * {@code errorWhen} finds an error inside a success answer (Slack's {@code ok: false}); the values at
     * {@code codePointers} (the provider's own error code, first match wins) map to our code by {@code codes}, ahead of
     * the status (but a code meaning INVALID_REQUEST, a category such as Stripe's {@code invalid_request_error},
     * leaves a status with a code of its own to say more: 401, 404, 429); {@code messagePointer} is the provider's message; {@code detailsPointer} its details (a list, or one
     * object), of which {@code detailFields} are copied, renamed to ours by {@code detailRenames} (Stripe's
     * {@code param} is our {@code field}); {@code retryCodes} are provider codes (at the
     * {@code codePointers}) whose answer is retried although its status would not be (Stripe's
     * {@code idempotency_key_in_use} on a 409): a write only when it carries an idempotency key;
     * {@code retryHeader}, when set, says {@code true} or {@code false} to a retry (Stripe's
     * {@code Stripe-Should-Retry}), over every other rule but the one that keeps an unkeyed write from being sent twice.
     */
    public record Errors(
            Map<Integer, String> statuses,
            ErrorWhen errorWhen,
            List<String> codePointers,
            Map<String, String> codes,
            String messagePointer,
            String detailsPointer,
            List<String> detailFields,
            Map<String, String> detailRenames,
            List<String> retryCodes,
            String retryHeader) {
    }

    /** A success answer is an error when the value at {@code pointer} equals {@code equals} (a JSON scalar). */
    public record ErrorWhen(String pointer, @JsonProperty("equals") JsonNode value) {
    }
}
