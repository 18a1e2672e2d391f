package dev.integrator.webhook.dedupe;

import dev.integrator.redis.RedisConnection;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
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
    private static final String RELEASE_OWN_CLAIM =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final RedisConnection<String, String> redis;
    private final String prefix;
    private final String claimToken = "claim:" + UUID.randomUUID();
    private final Availability availability;

    RedisDeliveryLog(RedisURI uri, String prefix) {
        this.prefix = prefix;
        this.availability = new Availability("Redis " + uri.getHost() + ":" + uri.getPort());
        this.redis = RedisConnection.ofStrings(uri, COMMAND_TIMEOUT);
        redis.commands(availability::failed);
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
        redis.close();
    }

    private String key(String provider, String deliveryId) {
        return prefix + ":webhook:" + JournalLines.key(provider, deliveryId).replace(' ', ':');
    }

    /** The command's answer, or {@code null} when Redis did not answer (logged once per outage). */
    private <T> T run(Function<RedisCommands<String, String>, T> command) {
        RedisCommands<String, String> commands = redis.commands(availability::failed);
        if (commands == null) {
            return null;
        }
        try {
            T answer = command.apply(commands);
            availability.answered();
            return answer;
        } catch (RuntimeException e) {
            availability.failed(e);
            return null;
        }
    }
}
