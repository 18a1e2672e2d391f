package dev.integrator.chain.budget;

import dev.integrator.http.UpstreamResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asks us to wait: {@code Retry-After} (delta-seconds or HTTP-date), or the provider's
 * remaining/reset header pair when the remaining count is 0, the reset in the provider's {@code resetFormat} (epoch
 * seconds, seconds from now, or an HTTP-date), or the IETF RateLimit fields instead of the pair; what is left of the
 * quota, which paces the calls; and which rate-limit resource an answer counted against. Which headers, and which
 * 403 message means a rate limit, come from the provider settings. Every wait is capped at {@code maxPauseMs}: a reset time in the year 2100 must not stop a provider until a restart.
 */
public final class RateLimitSignals {

    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,10}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,15}");

    private final RateLimitSettings config;
    private final Pattern forbiddenMessage;

    public RateLimitSignals(RateLimitSettings config) {
        this.config = config;
        this.forbiddenMessage = config.forbiddenMessagePattern() == null ? null : Pattern.compile(config.forbiddenMessagePattern());
    }

    /** The wait the response asks for, in ms from {@code now}, at most maxPauseMs; empty when it names none. */
    public OptionalLong waitMs(UpstreamResponse response, Instant now) {
        Optional<String> retryAfter = response.header("Retry-After");
        if (retryAfter.isPresent()) {
            OptionalLong parsed = parseRetryAfter(retryAfter.get(), now);
            if (parsed.isPresent()) {
                return OptionalLong.of(capped(parsed.getAsLong()));
            }
        }
        return exhaustedWaitMs(response, now);
    }

    /** When the remaining header says 0: the ms from {@code now} until the reset, at most maxPauseMs. */
    public OptionalLong exhaustedWaitMs(UpstreamResponse response, Instant now) {
        OptionalLong reset = untilReset(response, now);
        return reset.isPresent() ? OptionalLong.of(capped(reset.getAsLong())) : OptionalLong.empty();
    }

    /** The rate-limit resource the answer says it counted against, when the provider names one. */
    public Optional<String> resource(UpstreamResponse response) {
        return config.resourceHeader() == null ? Optional.empty()
                : response.header(config.resourceHeader()).map(String::trim).filter(r -> !r.isEmpty());
    }

    private long capped(long waitMs) {
        return Math.max(0, Math.min(waitMs, config.maxPauseMs()));
    }

    /**
     * When the remaining count says 0: the ms from {@code now} until the reset, uncapped. A wait, not an instant: the
     * pause it sets runs on the monotonic clock, so only an epoch or a date reads the wall clock, once, here.
     */
    private OptionalLong untilReset(UpstreamResponse response, Instant now) {
        Optional<QuotaReport> report = report(response, now);
        return report.isPresent() && report.get().remaining() == 0 ? OptionalLong.of(report.get().resetMs()) : OptionalLong.empty();
    }

    /**
     * What the answer says is left of its rate-limit resource and when it is renewed, read from the remaining/reset
     * pair or, with {@code headers: ietf}, from the IETF RateLimit fields; empty when it says nothing readable (a
     * provider's garbage is ignored, not obeyed).
     */
    public Optional<QuotaReport> report(UpstreamResponse response, Instant now) {
        if (config.headers().equals(RateLimitSettings.IETF)) {
            return IetfRateLimit.report(response);
        }
        Optional<String> remaining = response.header(config.remainingHeader()).map(String::trim);
        Optional<String> reset = response.header(config.resetHeader()).map(String::trim);
        if (remaining.isEmpty() || !COUNT.matcher(remaining.get()).matches() || reset.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong resetMs = resetMs(reset.get(), now);
        return resetMs.isEmpty() ? Optional.empty() : Optional.of(new QuotaReport(Long.parseLong(remaining.get()), resetMs.getAsLong()));
    }

    /** The reset in {@code resetFormat} as ms from {@code now}; one beyond a long's range is as far as a long goes. */
    private OptionalLong resetMs(String reset, Instant now) {
        if (config.resetFormat().equals(RateLimitSettings.HTTP_DATE)) {
            return parseHttpDate(reset, now);
        }
        try {
            long seconds = Long.parseLong(reset);
            long ms = Math.multiplyExact(seconds, 1000);
            return OptionalLong.of(config.resetFormat().equals(RateLimitSettings.SECONDS_FROM_NOW) ? ms : Math.subtractExact(ms, now.toEpochMilli()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        } catch (ArithmeticException e) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
    }

    /** A 403 is a rate limit when it names a wait, says the quota is exhausted, or its message says so. */
    public boolean isRateLimitedForbidden(UpstreamResponse response, String message, Instant now) {
        return response.header("Retry-After").isPresent()
                || untilReset(response, now).isPresent()
                || forbiddenMessage != null && message != null && forbiddenMessage.matcher(message).find();
    }

    public long defaultWaitMs() {
        return config.defaultWaitMs();
    }

    /** RFC 9110 Retry-After: a non-negative number of seconds, or an HTTP-date. */
    public static OptionalLong parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        if (DELTA_SECONDS.matcher(v).matches()) {
            return OptionalLong.of(Long.parseLong(v) * 1000);
        }
        return parseHttpDate(v, now);
    }

    /** An HTTP-date (RFC 1123) as the ms from {@code now} until then; 0 when it has passed. */
    private static OptionalLong parseHttpDate(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return OptionalLong.of(Math.max(0, at.toEpochMilli() - now.toEpochMilli()));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
