package dev.integrator.stripe.events;

import java.time.Instant;

/** A customer; {@code email} and {@code name} may be null. */
public record CustomerData(String id, String email, String name, Instant created) {
}
