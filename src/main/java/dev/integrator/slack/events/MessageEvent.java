package dev.integrator.slack.events;

import java.time.Instant;

/**
 * A {@code message} event of the Events API ({@code event_callback}): {@code ts} is the message's id in its channel,
 * {@code subtype} null for a plain message, {@code user} null for one a bot or integration posted.
 */
public record MessageEvent(String eventId, String teamId, Instant eventTime, String channel, String user, String text,
        String ts,
        String subtype) {
}
