package dev.integrator.stripe;

import java.time.Instant;

/** A Stripe customer; {@code livemode} false for an object of test mode. */
public record Customer(String id, String email, String name, String description, Instant created, boolean livemode) {
}
