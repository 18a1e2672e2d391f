package dev.integrator.webhook.dedupe;

import dev.integrator.chain.base.TimeSource;
import dev.integrator.redis.RedisEnv;
import java.nio.file.Path;
import java.util.Map;

/** Opens the delivery log the environment asks for. */
public final class DeliveryLogs {

    /** Set to a {@code redis://} or {@code rediss://} (TLS) URL, deliveries are deduplicated in Redis across instances. */
    public static final String REDIS_URL = RedisEnv.URL;
    /** The Redis password when the URL carries none. */
    public static final String REDIS_PASSWORD = RedisEnv.PASSWORD;
    /** The first part of every key, so that several deployments can share one Redis; default {@value #DEFAULT_PREFIX}. */
    public static final String REDIS_PREFIX = RedisEnv.PREFIX;
    public static final String DEFAULT_PREFIX = RedisEnv.DEFAULT_PREFIX;
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
        if (!RedisEnv.configured(env)) {
            return new JournalDeliveryLog(dataDir.resolve(FOLDER), TimeSource.SYSTEM, JournalDeliveryLog.MAX_ENTRIES);
        }
        return new RedisDeliveryLog(RedisEnv.uri(env), RedisEnv.prefix(env));
    }
}
