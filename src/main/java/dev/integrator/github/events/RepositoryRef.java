package dev.integrator.github.events;

/** The repository an event happened in: {@code fullName} is {@code owner/name}. */
public record RepositoryRef(long id, String fullName) {
}
