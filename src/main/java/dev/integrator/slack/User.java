package dev.integrator.slack;

/** A member of the workspace; {@code timeZone} is an IANA name such as America/Los_Angeles. */
public record User(String id, String name, String realName, Boolean isBot, Boolean deleted, String timeZone) {
}
