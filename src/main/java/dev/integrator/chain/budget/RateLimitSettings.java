package dev.integrator.chain.budget;

import java.util.List;

/**
 * How the provider signals a rate limit besides 429 and Retry-After ({@code rateLimit:} in the provider settings),
 * read by the budget link: a remaining/reset header pair (the reset in {@code resetFormat}: {@code epochSeconds},
 * {@code secondsFromNow} or {@code httpDate}), or with {@code headers: ietf} the IETF {@code RateLimit} and
 * {@code RateLimit-Policy} fields instead of the pair; and a 403 whose message matches
 * {@code forbiddenMessagePattern}; {@code defaultWaitMs} is the wait when a rate-limit answer names none.
 * {@code resourceHeader}, when set, names the quota an answer counted against; operations are on
 * {@code coreResource} unless their route says otherwise. A rate-limit answer pauses its resource for every operation
 * on it, at most {@code maxPauseMs}, and each waiting call adds up to {@code pauseJitterMs}. With {@code pace}, what
 * an answer says is left of its resource is spread over the time to the reset.
 */
public record RateLimitSettings(
        String remainingHeader,
        String resetHeader,
        String resetFormat,
        String resourceHeader,
        String coreResource,
        String forbiddenMessagePattern,
        long defaultWaitMs,
        long maxPauseMs,
        long pauseJitterMs,
        String headers,
        boolean pace) {

    public static final String EPOCH_SECONDS = "epochSeconds";
    public static final String SECONDS_FROM_NOW = "secondsFromNow";
    public static final String HTTP_DATE = "httpDate";
    public static final List<String> RESET_FORMATS = List.of(EPOCH_SECONDS, SECONDS_FROM_NOW, HTTP_DATE);

    /** The provider's remainingHeader/resetHeader pair. */
    public static final String PAIR = "pair";
    /** The IETF RateLimit and RateLimit-Policy fields (draft-ietf-httpapi-ratelimit-headers). */
    public static final String IETF = "ietf";
    public static final List<String> HEADERS = List.of(PAIR, IETF);

    /** Whether answers can report what is left of a quota at all. */
    public boolean reportsRemaining() {
        return headers.equals(IETF) || remainingHeader != null && resetHeader != null;
    }
}
