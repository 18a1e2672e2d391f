/**
 * Stripe webhook events as their DTOs: what a consumer of {@code integrator.events.stripe.<event>} receives under
 * {@code data}. Declared in {@code contracts/stripe.events.<event>.vN.yaml}; the core never imports them.
 */
package dev.integrator.stripe.events;
