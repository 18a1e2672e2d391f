package dev.integrator.stripe;

import java.time.Instant;

/**
 * A Stripe refund of a payment intent; {@code amount} in minor units, {@code currency} lower case. {@code status} is
 * Stripe's text (pending, requires_action, succeeded, failed, canceled; null for some old refunds), {@code reason}
 * one of duplicate, fraudulent, requested_by_customer, expired_uncaptured_charge, or null.
 */
public record Refund(String id, long amount, String currency, String status, String paymentIntent, String reason,
        Instant created) {
}
