package dev.integrator.normalize.sample;

/** Nested in {@link Payment}; absent or null in the response gives a null component. */
public record Customer(String email) {
}
