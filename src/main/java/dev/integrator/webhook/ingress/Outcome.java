package dev.integrator.webhook.ingress;

import java.util.Locale;

/**
 * How the ingress answered one delivery: the {@code outcome} tag of {@value IngressMetrics#DELIVERIES} and of the
 * delivery's log event. Each has a runbook section in {@code ops/runbooks/webhooks.md}.
 */
public enum Outcome {
    /** Verified, valid, stored on the broker: 202. */
    ACCEPTED(202),
    /** The delivery id was accepted before: 200, not queued again. */
    DUPLICATE(200),
    /** Missing or wrong signature: 401 with no detail of why. */
    BAD_SIGNATURE(401),
    /** Signed, but its timestamp is outside the replay window (either way): 401. */
    STALE(401),
    /** Over the provider's maxBodyBytes: 413, before the body is read whole. */
    TOO_LARGE(413),
    /** Signed, but not JSON or without a delivery id or event type: 400. */
    MALFORMED(400),
    /** Breaks its event contract: counted, sampled, dead-lettered with the reason, 202 so the provider stops retrying.
     * */
    DRIFT(202),
    /** An event type the provider's {@code events} list lacks: 202, not queued, counted. */
    IGNORED(202),
    /** GitHub's ping when a hook is created: 200, not queued. */
    PING(200),
    /** Slack's url_verification: 200 with the challenge. */
    CHALLENGE(200),
    /** Another request holds this delivery id right now: 503 with Retry-After. */
    IN_FLIGHT(503),
    /** The broker did not take the event in time: 503 with Retry-After, so the provider sends it again. */
    UNAVAILABLE(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The tag value: {@code bad_signature}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
