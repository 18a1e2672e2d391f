package dev.integrator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.json.Json;
import dev.integrator.redis.RedisConnection;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Refresh tokens in the shared Redis ({@code <prefix>:oauth:<provider>}), so that every instance refreshes with the
 * newest one. Unlike the webhook delivery log this fails closed: a token that was not read cannot be sent, and a
 * rotated token that was not stored would be lost with the next restart, so either is UNAVAILABLE (retried).
 */
final class RedisTokenStore implements TokenStore {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisConnection<String, String> redis;
    private final String prefix;
    private final String where;

    RedisTokenStore(RedisURI uri, String prefix) {
        this.where = "Redis " + uri.getHost() + ":" + uri.getPort();
        this.redis = RedisConnection.ofStrings(uri, COMMAND_TIMEOUT);
        this.prefix = prefix;
    }

    @Override
    public Stored load(String key) {
        String value = run(redis -> redis.get(key(key)), "read the refresh token from");
        if (value == null) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(value);
            if (node.path("refreshToken").isTextual()) {
                return new Stored(node.path("seed").asText(null), node.get("refreshToken").asText());
            }
        } catch (IOException e) {
            // Reported below, without the value.
        }
        throw IntegrationException.of(ErrorCode.UNAVAILABLE, where + " key " + key(key)
                + " holds no refresh token; remove it to start again from the environment").notSent().build();
    }

    @Override
    public void save(String key, Stored stored) {
        String value = Json.MAPPER.createObjectNode().put("seed", stored.seed()).put("refreshToken",
                stored.refreshToken()).toString();
        run(redis -> redis.set(key(key), value), "store the rotated refresh token in");
    }

    private String key(String provider) {
        return prefix + ":oauth:" + provider;
    }

    private <T> T run(Function<RedisCommands<String, String>, T> command, String what) {
        RuntimeException[] connectFailure = new RuntimeException[1];
        RedisCommands<String, String> commands = redis.commands(e -> connectFailure[0] = e);
        if (commands == null) {
            throw unavailable(what, connectFailure[0]);
        }
        try {
            return command.apply(commands);
        } catch (RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    private IntegrationException unavailable(String what, RuntimeException cause) {
        String reason = cause == null ? "not connected" : cause.getClass().getSimpleName();
        return IntegrationException.of(ErrorCode.UNAVAILABLE, "cannot " + what + " " + where + " (" + reason + ")")
                .retryable(true).notSent().build();
    }

    @Override
    public void close() {
        redis.close();
    }
}
