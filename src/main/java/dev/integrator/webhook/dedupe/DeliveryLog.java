package dev.integrator.webhook.dedupe;

import java.time.Duration;

/**
 * The delivery ids seen recently, per provider, so that a delivery the provider sends again is answered without
 * being queued twice. A delivery is claimed before it is published, confirmed once the broker holds it, and released
 * when publishing failed (so the provider's retry is accepted).
 */
public interface DeliveryLog extends AutoCloseable {

    enum Claim { NEW, DUPLICATE, IN_FLIGHT }

    /** How long a claim holds without a confirm or release: a crashed claim expires after it. */
    Duration CLAIM_HOLD = Duration.ofSeconds(60);

    /**
     * Claims a delivery before it is published: {@code NEW} for the first, {@code DUPLICATE} once confirmed earlier,
     * {@code IN_FLIGHT} while another request holds the claim (for {@link #CLAIM_HOLD}, so a crashed claim expires).
     */
    Claim claim(String provider, String deliveryId);

    /** The delivery is stored on the broker: remember it for the provider's dedupe window. */
    void confirm(String provider, String deliveryId, Duration window);

    /** Publishing failed: forget the claim so the provider's retry is accepted. */
    void release(String provider, String deliveryId);

    /**
     * Whether the store answers; a store that does not answers {@code NEW} (fail open: rather a rare duplicate than a
     * refused event), logs once per transition and is shown in health.
     */
    boolean available();

    /** Closes the store; no exception, as there is nothing a caller could do about one. */
    @Override
    void close();
}
