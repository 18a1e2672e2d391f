package dev.integrator.webhook.ingress.sample;

/** The DTO of the test provider's Standard Webhooks event. */
public record InvoicePaid(String invoice, long amount) {
}
