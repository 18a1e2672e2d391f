package dev.integrator.chain.budget.shared;

import dev.integrator.redis.RedisConnection;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The three commands bucket4j's Lettuce proxy manager sends, on our connection: it connects when first needed (Redis
 * may be down when the instance starts), and while it cannot, each command fails at once instead of waiting. Generic
 * in the key type as bucket4j's own adapters are: the proxy manager passes its keys as an {@code Object[]}.
 */
final class ConnectionApi<K> implements RedisApi<K> {

    private final RedisConnection<K, byte[]> redis;

    ConnectionApi(RedisConnection<K, byte[]> redis) {
        this.redis = redis;
    }

    @Override
    public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
        return commands().eval(script, type, keys, params);
    }

    @Override
    public RedisFuture<byte[]> get(K key) {
        return commands().get(key);
    }

    @Override
    public RedisFuture<?> delete(K key) {
        return commands().del(key);
    }

    private RedisAsyncCommands<K, byte[]> commands() {
        RedisAsyncCommands<K, byte[]> commands = redis.async(e -> { });
        if (commands == null) {
            throw notConnected();
        }
        return commands;
    }

    static RedisConnectionException notConnected() {
        return new RedisConnectionException("not connected (a connect failed less than "
                + RedisConnection.RECONNECT_PAUSE.toSeconds() + " s ago)");
    }
}
