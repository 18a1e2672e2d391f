package dev.integrator.acme;

import java.time.Instant;

/** An Acme payment intent; {@code amount} is in minor units, {@code customer} may be null. */
public record PaymentIntent(String id, long amount, String currency, String status, String customer, Instant created) {
}
