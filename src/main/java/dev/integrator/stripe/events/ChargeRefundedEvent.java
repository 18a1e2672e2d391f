package dev.integrator.stripe.events;

import java.time.Instant;

/** {@code charge.refunded}: a charge was refunded, in full or in part. */
public record ChargeRefundedEvent(String eventId, String type, Instant created, boolean livemode, ChargeData charge) {
}
