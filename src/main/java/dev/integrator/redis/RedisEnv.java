package dev.integrator.redis;

import io.lettuce.core.RedisURI;
import java.util.Map;

/** The Redis that instances share (webhook delivery ids, rotated refresh tokens), as the environment names it. */
public final class RedisEnv {

    /** Set to a {@code redis://} or {@code rediss://} (TLS) URL, shared state lives in that Redis. */
    public static final String URL = "INTEGRATOR_REDIS_URL";
    /** The Redis password when the URL carries none. */
    public static final String PASSWORD = "INTEGRATOR_REDIS_PASSWORD";
    /** The first part of every key, so that several deployments can share one Redis; default {@value #DEFAULT_PREFIX}. */
    public static final String PREFIX = "INTEGRATOR_REDIS_PREFIX";
    public static final String DEFAULT_PREFIX = "integrator";

    private RedisEnv() {
    }

    /** Whether {@value #URL} is set. */
    public static boolean configured(Map<String, String> env) {
        String url = env.get(URL);
        return url != null && !url.isBlank();
    }

    /** The Redis {@value #URL} names, with the password of {@value #PASSWORD} when the URL has none. */
    public static RedisURI uri(Map<String, String> env) {
        RedisURI uri;
        try {
            uri = RedisURI.create(env.get(URL).trim());
        } catch (IllegalArgumentException e) {
            // The URL may hold a password: say what is wrong, never what it is.
            throw new IllegalArgumentException(URL + " must be a redis:// or rediss:// URL (" + e.getClass().getSimpleName() + ")");
        }
        String password = env.get(PASSWORD);
        if (uri.getPassword() == null && password != null && !password.isEmpty()) {
            uri.setPassword(password.toCharArray());
        }
        return uri;
    }

    public static String prefix(Map<String, String> env) {
        String prefix = env.getOrDefault(PREFIX, DEFAULT_PREFIX);
        return prefix.isBlank() ? DEFAULT_PREFIX : prefix.trim();
    }
}
