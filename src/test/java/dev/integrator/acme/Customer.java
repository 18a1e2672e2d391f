package dev.integrator.acme;

import java.time.Instant;

/** An Acme customer; {@code name} may be null. */
public record Customer(String id, String email, String name, Instant created, boolean delinquent) {
}
