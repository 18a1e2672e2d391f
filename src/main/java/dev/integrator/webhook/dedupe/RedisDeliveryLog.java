package dev.integrator.webhook.dedupe;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Delivery ids in Redis, so that several instances behind one load balancer deduplicate together. A claim is
 * {@code SET key <claim token> NX EX 60}; a confirm overwrites it with {@value #CONFIRMED} for the dedupe window; a
 * release deletes the key only while it still holds this instance's claim (a claim that expired and was taken by
 * another instance stays theirs). Keys: {@code <prefix>:webhook:<provider>:<deliveryId>}.
 * <p>
 * Redis down fails open: a claim answers {@code NEW} at once (commands are rejected while disconnected, and time out
 * after {@link #COMMAND_TIMEOUT}), so an event is accepted rather than refused and consumers may see a rare duplicate.
 * The outage is logged once, and once more when Redis answers again.
 */
final class RedisDeliveryLog implements DeliveryLog {

    static final String CONFIRMED = "confirmed";
    /** Far under the shortest provider deadline (Slack's 3 s), far over a healthy Redis's answer. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);
    private static final String RELEASE_OWN_CLAIM =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final ClientResources resources;
    private final RedisClient client;
    private final String prefix;
    private final String claimToken = "claim:" + UUID.randomUUID();
    private final Availability availability;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile long nextConnectNanos;

    RedisDeliveryLog(RedisURI uri, String prefix) {
        this.prefix = prefix;
        this.availability = new Availability("Redis " + uri.getHost() + ":" + uri.getPort());
        uri.setTimeout(COMMAND_TIMEOUT);
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
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        connect();
    }

    @Override
    public Claim claim(String provider, String deliveryId) {
        String key = key(provider, deliveryId);
        Claim claim = run(redis -> {
            for (int attempt = 0; attempt < 2; attempt++) {
                if ("OK".equals(redis.set(key, claimToken, SetArgs.Builder.nx().ex(CLAIM_HOLD.toSeconds())))) {
                    return Claim.NEW;
                }
                String value = redis.get(key);
                if (value != null) {
                    return CONFIRMED.equals(value) ? Claim.DUPLICATE : Claim.IN_FLIGHT;
                }
                // The holder released or its claim expired between the two commands: claim once more.
            }
            return Claim.IN_FLIGHT;
        });
        return claim == null ? Claim.NEW : claim;
    }

    @Override
    public void confirm(String provider, String deliveryId, Duration window) {
        String key = key(provider, deliveryId);
        run(redis -> redis.set(key, CONFIRMED, SetArgs.Builder.ex(window.toSeconds())));
    }

    @Override
    public void release(String provider, String deliveryId) {
        String key = key(provider, deliveryId);
        run(redis -> redis.<Long>eval(RELEASE_OWN_CLAIM, ScriptOutputType.INTEGER, new String[] {key}, claimToken));
    }

    @Override
    public boolean available() {
        return availability.available();
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

    private String key(String provider, String deliveryId) {
        return prefix + ":webhook:" + JournalLines.key(provider, deliveryId).replace(' ', ':');
    }

    /** The command's answer, or {@code null} when Redis did not answer (logged once per outage). */
    private <T> T run(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> open = connection != null ? connection : connect();
        if (open == null) {
            return null;
        }
        try {
            T answer = command.apply(open.sync());
            availability.answered();
            return answer;
        } catch (RuntimeException e) {
            availability.failed(e);
            return null;
        }
    }

    /**
     * Connects, at most once per {@link #RECONNECT_PAUSE} while Redis is unreachable; once connected, Lettuce
     * reconnects by itself.
     */
    private synchronized StatefulRedisConnection<String, String> connect() {
        if (connection != null || System.nanoTime() < nextConnectNanos) {
            return connection;
        }
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            nextConnectNanos = System.nanoTime() + RECONNECT_PAUSE.toNanos();
            availability.failed(e);
        }
        return connection;
    }
}
