package dev.integrator.stripe;

import java.time.Instant;

/**
 * A Stripe payment intent. {@code amount} is in the currency's minor unit (cents; yen for a zero-decimal currency),
 * {@code currency} the ISO 4217 code in lower case as Stripe writes it ({@code eur}). {@code nextAction} tells whether
 * the payer must act (3-D Secure, a redirect); {@code lastPaymentError} is null unless the last attempt failed. The
 * client secret is never copied: it lets a browser confirm the payment.
 */
public record PaymentIntent(String id, long amount, String currency, PaymentIntentStatus status, String customer,
        String paymentMethod, boolean nextAction, PaymentError lastPaymentError, Instant created, boolean livemode) {
}
