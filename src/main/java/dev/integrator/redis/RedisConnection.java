package dev.integrator.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection to a shared Redis that never blocks a caller for long: every command times out after
 * {@code commandTimeout}, commands are rejected at once while disconnected, a failed connect is tried again at most
 * once per {@link #RECONNECT_PAUSE}, and once connected Lettuce reconnects by itself. What a failure means (fail open
 * or closed) is the user's decision. Keys and values are read and written with the connection's codec.
 */
public final class RedisConnection<K, V> implements AutoCloseable {

    public static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisCodec<K, V> codec;
    private volatile StatefulRedisConnection<K, V> connection;
    private volatile long nextConnectNanos;

    /** String keys and values. */
    public static RedisConnection<String, String> ofStrings(RedisURI uri, Duration commandTimeout) {
        return new RedisConnection<>(uri, commandTimeout, StringCodec.UTF8);
    }

    public RedisConnection(RedisURI uri, Duration commandTimeout, RedisCodec<K, V> codec) {
        this(uri, commandTimeout, commandTimeout, codec);
    }

    /**
     * {@code connectTimeout} bounds a connect and its handshake, which in a JVM that has not loaded Netty yet takes
     * longer than a command; commands stay bounded by {@code commandTimeout}.
     */
    public RedisConnection(RedisURI uri, Duration commandTimeout, Duration connectTimeout, RedisCodec<K, V> codec) {
        this.codec = codec;
        uri.setTimeout(connectTimeout);
        // Lettuce's own command latency metrics are not used: off, with the threads they would start.
        resources = ClientResources.builder()
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), RECONNECT_PAUSE, 2, TimeUnit.MILLISECONDS))
                .build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** The commands, or null while Redis cannot be reached; {@code onFailure} hears of a failed connect. */
    public RedisCommands<K, V> commands(Consumer<RuntimeException> onFailure) {
        StatefulRedisConnection<K, V> open = connection != null ? connection : connect(onFailure);
        return open == null ? null : open.sync();
    }

    /** The asynchronous commands, or null while Redis cannot be reached, as {@link #commands}. */
    public RedisAsyncCommands<K, V> async(Consumer<RuntimeException> onFailure) {
        StatefulRedisConnection<K, V> open = connection != null ? connection : connect(onFailure);
        return open == null ? null : open.async();
    }

    private synchronized StatefulRedisConnection<K, V> connect(Consumer<RuntimeException> onFailure) {
        if (connection != null || System.nanoTime() < nextConnectNanos) {
            return connection;
        }
        try {
            connection = client.connect(codec);
        } catch (RuntimeException e) {
            nextConnectNanos = System.nanoTime() + RECONNECT_PAUSE.toNanos();
            onFailure.accept(e);
        }
        return connection;
    }

    @Override
    public void close() {
        StatefulRedisConnection<K, V> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
