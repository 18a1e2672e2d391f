package dev.integrator.stripe;

/** Where a payment intent is; a status Stripe adds later reads as {@link #UNKNOWN} instead of failing the call. */
public enum PaymentIntentStatus {
    REQUIRES_PAYMENT_METHOD,
    REQUIRES_CONFIRMATION,
    REQUIRES_ACTION,
    PROCESSING,
    REQUIRES_CAPTURE,
    CANCELED,
    SUCCEEDED,
    UNKNOWN
}
