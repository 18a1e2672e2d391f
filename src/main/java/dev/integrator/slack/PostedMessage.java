package dev.integrator.slack;

/** A message chat.postMessage posted: the channel's id and the message's {@code ts}, its id there. */
public record PostedMessage(String channel, String ts, String text, String threadTs) {
}
