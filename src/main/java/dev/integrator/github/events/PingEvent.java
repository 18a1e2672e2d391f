package dev.integrator.github.events;

/** {@code ping}: sent when a hook is created; answered, never queued. */
public record PingEvent(String zen, long hookId) {
}
