package dev.integrator.chain.budget.shared;

import dev.integrator.chain.base.TimeSource;
import dev.integrator.chain.budget.BucketLimits;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.budget.LocalQuotaStore;
import dev.integrator.chain.budget.PauseState;
import dev.integrator.chain.budget.QuotaStore;
import dev.integrator.chain.budget.RateBucket;
import dev.integrator.chain.budget.TokenBucket;
import dev.integrator.redis.RedisConnection;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Quota state every instance shares through one Redis ({@code INTEGRATOR_REDIS_URL}): each budget is a bucket4j
 * bucket kept in Redis (bucket4j's Lettuce proxy manager, compare-and-swap on the bucket's key, so no script of ours
 * counts tokens), each pause a key that expires when the pause ends. Keys:
 * {@code <prefix>:<provider>:budget:<budget name>} and {@code <prefix>:<provider>:pause:<resource>}; a bucket's key
 * expires once the bucket would be full again plus {@link #KEEP_IDLE}, so an idle provider leaves nothing behind.
 * While Redis does not answer, each provider's {@link BudgetSettings#whenSharedUnavailable()} applies.
 */
public final class SharedQuotaStore implements QuotaStore {

    /**
     * Far over a healthy Redis's answer (well under a millisecond; a busy host may stall a few hundred), far under any
     * call's deadline: a bucket takes one or two commands, a pause one.
     */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    /** Overrides {@link #COMMAND_TIMEOUT}, in ms: a Redis further away, or a test host under load. */
    public static final String TIMEOUT_ENV = "INTEGRATOR_QUOTA_REDIS_TIMEOUT_MS";
    /** The first connect is made at start, in a JVM that has not loaded Netty yet: far slower than a command. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration KEEP_IDLE = Duration.ofMinutes(1);

    private final String prefix;
    private final Map<String, BudgetSettings> budgets;
    private final LocalQuotaStore local;
    private final RedisConnection<String, byte[]> redis;
    private final SharedState state;
    private final ProxyManager<String> buckets;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param budgets each provider's budget settings, by provider name: the fallback of its buckets and pauses */
    public SharedQuotaStore(RedisURI uri, String prefix, Map<String, BudgetSettings> budgets, TimeSource time) {
        this(uri, prefix, budgets, time, COMMAND_TIMEOUT);
    }

    /** @param commandTimeout how long a command may take before Redis counts as not answering */
    public SharedQuotaStore(RedisURI uri, String prefix, Map<String, BudgetSettings> budgets, TimeSource time, Duration commandTimeout) {
        this.prefix = prefix;
        this.budgets = Map.copyOf(budgets);
        this.local = new LocalQuotaStore(time);
        this.state = new SharedState("Redis " + uri.getHost() + ":" + uri.getPort());
        this.redis = new RedisConnection<>(uri, commandTimeout, CONNECT_TIMEOUT, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(new ConnectionApi<>(redis))
                .clientClock(new RedisClock(() -> commands().time()))
                .requestTimeout(commandTimeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_IDLE))
                .build();
        // Connected at start, so that no call pays for the first connect; a Redis not there yet is this store's
        // first outage, logged as such.
        state.call(this::commands, () -> null);
    }

    @Override
    public RateBucket bucket(String provider, String name, double requestsPerSecond, int burst) {
        Fallback fallback = fallback(provider);
        RateBucket shared = new TokenBucket(buckets.getProxy(key(provider, "budget", name),
                () -> BucketLimits.configuration(requestsPerSecond, burst)));
        return new SharedBucket(state, fallback, shared,
                local.bucket(provider, name, fallback.requestsPerSecond(requestsPerSecond), fallback.burst(burst)));
    }

    @Override
    public PauseState pause(String provider, String resource) {
        return new SharedPause(key(provider, "pause", resource), state, fallback(provider), local.pause(provider, resource), this::commands);
    }

    /** Whether Redis answered the last command (or none has been sent yet). */
    public boolean available() {
        return state.available();
    }

    /** Where the store is, for health reports: host and port, never a password. */
    public String describe() {
        return state.where();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            redis.close();
        }
    }

    private Fallback fallback(String provider) {
        BudgetSettings settings = budgets.get(provider);
        if (settings == null) {
            throw new IllegalArgumentException("no budget settings for provider " + provider);
        }
        return new Fallback(provider, settings);
    }

    private String key(String provider, String kind, String name) {
        return prefix + ":" + provider + ":" + kind + ":" + name;
    }

    private RedisCommands<String, byte[]> commands() {
        RedisCommands<String, byte[]> commands = redis.commands(e -> { });
        if (commands == null) {
            throw ConnectionApi.notConnected();
        }
        return commands;
    }
}
