package dev.integrator.stripe.events;

/** A refunded charge: {@code refunded} is true only once it is refunded in full; {@code paymentIntent} may be null. */
public record ChargeData(String id, long amount, long amountRefunded, String currency, boolean refunded,
        String paymentIntent) {
}
