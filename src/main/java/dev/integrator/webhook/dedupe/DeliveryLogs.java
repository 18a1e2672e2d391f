package dev.integrator.webhook.dedupe;

import dev.integrator.chain.base.TimeSource;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.util.Map;

/** Opens the delivery log the environment asks for. */
public final class DeliveryLogs {

    /**
     * Set to a {@code redis://} or {@code rediss://} (TLS) URL, deliveries are deduplicated in Redis across instances.
     */
    public static final String REDIS_URL = "INTEGRATOR_REDIS_URL";
    /** The Redis password when the URL carries none. */
    public static final String REDIS_PASSWORD = "INTEGRATOR_REDIS_PASSWORD";
    /**
     * The first part of every key, so that several deployments can share one Redis; default {@value #DEFAULT_PREFIX}.
     */
    public static final String REDIS_PREFIX = "INTEGRATOR_REDIS_PREFIX";
    public static final String DEFAULT_PREFIX = "integrator";
    /** The folder of the embedded journal, under the data directory. */
    public static final String FOLDER = "webhooks";

    private DeliveryLogs() {
    }

    /**
     * Redis when {@value #REDIS_URL} is set, else the embedded journal in {@code <dataDir>/webhooks} (the data
     * directory of {@code integrator run}, {@code INTEGRATOR_DATA_DIR}). A Redis that does not answer does not stop
     * this: the log fails open until it does.
     */
    public static DeliveryLog open(Path dataDir, Map<String, String> env) {
        String url = env.get(REDIS_URL);
        if (url == null || url.isBlank()) {
            return new JournalDeliveryLog(dataDir.resolve(FOLDER), TimeSource.SYSTEM, JournalDeliveryLog.MAX_ENTRIES);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url.trim());
        } catch (IllegalArgumentException e) {
            // The URL may hold a password: say what is wrong, never what it is.
            String problem = e.getClass().getSimpleName();
            throw new IllegalArgumentException(REDIS_URL + " must be a redis:// or rediss:// URL (" + problem + ")");
        }
        String password = env.get(REDIS_PASSWORD);
        if (uri.getPassword() == null && password != null && !password.isEmpty()) {
            uri.setPassword(password.toCharArray());
        }
        String prefix = env.getOrDefault(REDIS_PREFIX, DEFAULT_PREFIX);
        return new RedisDeliveryLog(uri, prefix.isBlank() ? DEFAULT_PREFIX : prefix.trim());
    }
}
