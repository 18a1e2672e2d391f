package dev.integrator.github.events;

/** One commit of a push; {@code author} is the name the commit gives. */
public record CommitRef(String id, String message, String author) {
}
