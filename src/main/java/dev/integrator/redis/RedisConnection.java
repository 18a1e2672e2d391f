package dev.integrator.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
 * or closed) is the user's decision.
 */
public final class RedisConnection implements AutoCloseable {

    public static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectNanos;

    public RedisConnection(RedisURI uri, Duration commandTimeout) {
        uri.setTimeout(commandTimeout);
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
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
    }

    /** The commands, or null while Redis cannot be reached; {@code onFailure} hears of a failed connect. */
    public RedisCommands<String, String> commands(Consumer<RuntimeException> onFailure) {
        StatefulRedisConnection<String, String> open = connection != null ? connection : connect(onFailure);
        return open == null ? null : open.sync();
    }

    private synchronized StatefulRedisConnection<String, String> connect(Consumer<RuntimeException> onFailure) {
        if (connection != null || System.nanoTime() < nextConnectNanos) {
            return connection;
        }
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            nextConnectNanos = System.nanoTime() + RECONNECT_PAUSE.toNanos();
            onFailure.accept(e);
        }
        return connection;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
