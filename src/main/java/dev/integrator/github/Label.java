package dev.integrator.github;

/** A repository label; {@code color} is six hex digits without '#'. */
public record Label(long id, String name, String color, String description) {
}
