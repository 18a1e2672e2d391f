package dev.integrator.webhook.dedupe;

import java.nio.file.Path;
import java.util.Map;

/** Opens the delivery log the environment asks for. */
public final class DeliveryLogs {

    /** Set to a {@code redis://} or {@code rediss://} URL, deliveries are deduplicated in Redis across instances. */
    public static final String REDIS_URL = "INTEGRATOR_REDIS_URL";
    public static final String REDIS_PASSWORD = "INTEGRATOR_REDIS_PASSWORD";
    public static final String REDIS_PREFIX = "INTEGRATOR_REDIS_PREFIX";

    private DeliveryLogs() {
    }

    /**
     * Redis when {@value #REDIS_URL} is set, else the embedded store in {@code dataDir} (the data directory of
     * {@code integrator run}, {@code INTEGRATOR_DATA_DIR}).
     */
    public static DeliveryLog open(Path dataDir, Map<String, String> env) {
        throw new UnsupportedOperationException("delivery logs are not built yet");
    }
}
