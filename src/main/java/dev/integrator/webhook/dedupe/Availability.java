package dev.integrator.webhook.dedupe;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a store answers, logged once per change rather than once per request: an outage during a burst of
 * deliveries is one warning, and its end one more (at the same level, so whoever saw the first sees the second).
 */
final class Availability {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

    private final String store;
    private final AtomicBoolean up = new AtomicBoolean(true);

    Availability(String store) {
        this.store = store;
    }

    void failed(RuntimeException e) {
        if (up.compareAndSet(true, false)) {
            LOG.warn("Webhook delivery log {} is not answering ({}): deliveries are accepted without dedupe until it "
                    + "does", store, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void answered() {
        if (up.compareAndSet(false, true)) {
            LOG.warn("Webhook delivery log {} answers again: deliveries are deduplicated", store);
        }
    }

    boolean available() {
        return up.get();
    }
}
