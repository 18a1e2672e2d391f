package dev.integrator.slack;

/** A message of a conversation's history; {@code ts} is its id in the channel, {@code user} null for a bot's. */
public record Message(String ts, String type, String user, String text, String threadTs) {
}
