package dev.integrator.stripe.events;

import java.time.Instant;

/** {@code customer.created}. */
public record CustomerCreatedEvent(String eventId, String type, Instant created, boolean livemode,
        CustomerData customer) {
}
