package dev.integrator.stripe.events;

/**
 * The PaymentIntent of a payment_intent event; {@code amount} in the currency's smallest unit, {@code customer} an id
 * or null, {@code failureCode} and {@code failureMessage} from its last payment error (null when there is none).
 */
public record PaymentIntentData(String id, long amount, String currency, String status, String customer,
        String failureCode,
        String failureMessage) {
}
