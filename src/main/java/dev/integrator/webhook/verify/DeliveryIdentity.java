package dev.integrator.webhook.verify;

/**
 * Who a verified delivery is: {@code deliveryId} is the dedupe key (for GitHub it already includes the hook id, as
 * one delivery id is shared by every hook subscribed to the event), {@code eventType} the provider's event type.
 * Either is {@code null} where the delivery does not say.
 */
public record DeliveryIdentity(String deliveryId, String eventType) {
}
