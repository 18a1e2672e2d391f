package dev.integrator.normalize.sample;

/** A DTO mapped in Java, by {@code SampleMappingProvider}, not declared. */
public record Receipt(String number) {
}
