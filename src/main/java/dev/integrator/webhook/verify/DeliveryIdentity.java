package dev.integrator.webhook.verify;

import java.util.regex.Pattern;

/**
 * Who a verified delivery is: {@code deliveryId} is the dedupe key (for GitHub it already includes the hook id, as
 * one delivery id is shared by every hook subscribed to the event), {@code eventType} the provider's event type.
 * Either is {@code null} where the delivery does not say.
 */
public record DeliveryIdentity(String deliveryId, String eventType) {

    /**
     * What a delivery id may be, as a dedupe key: printable ASCII without spaces, at most 200 characters (provider ids
     * are UUIDs or short tokens). Anything else is no id: it could not be a key, nor one line of a journal.
     */
    public static final Pattern DELIVERY_ID = Pattern.compile("[\\x21-\\x7E]{1,200}");
}
