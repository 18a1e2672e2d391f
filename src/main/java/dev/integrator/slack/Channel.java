package dev.integrator.slack;

import java.time.Instant;

/** A conversation: a channel, a private channel, a group DM or a DM (an im has no name). */
public record Channel(String id, String name, Boolean isPrivate, Boolean isArchived, Instant created, String topic) {
}
