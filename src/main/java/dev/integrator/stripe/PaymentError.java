package dev.integrator.stripe;

/**
 * Why the last attempt to pay failed: Stripe's {@code type} (card_error, ...), {@code code} (card_declined, ...), the
 * issuer's {@code declineCode} (insufficient_funds, ...) when a card was declined, and a message fit for the payer.
 */
public record PaymentError(String type, String code, String declineCode, String message) {
}
