package dev.integrator.stripe.events;

import java.time.Instant;

/** {@code payment_intent.succeeded} and {@code payment_intent.payment_failed} ({@code type} says which). */
public record PaymentIntentEvent(String eventId, String type, Instant created, boolean livemode,
        PaymentIntentData paymentIntent) {
}
