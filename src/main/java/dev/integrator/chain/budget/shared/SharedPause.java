package dev.integrator.chain.budget.shared;

import dev.integrator.chain.budget.PauseState;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A pause every instance keeps: a Redis key whose time to live is the rest of the pause. Reading it is one
 * {@code PTTL}, which Redis counts down on its own clock, so instances whose clocks disagree still agree on when the
 * pause ends, and the key is gone when it does. This instance also keeps every pause it sets itself, which holds its
 * calls while Redis does not answer (the pauses other instances set are not seen then).
 */
final class SharedPause implements PauseState {

    /**
     * Sets the pause only when it ends later than the one there: PTTL and SET in one script, because two instances
     * pausing at once with a PTTL check and a SET of their own could both pass the check and the shorter could win.
     * A PTTL of -2 (no pause) is below any wait.
     */
    static final String PAUSE_UNLESS_LATER = "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then "
            + "redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) return 1 end return 0";

    private final String key;
    private final SharedState state;
    private final Fallback fallback;
    private final PauseState local;
    private final Supplier<RedisCommands<String, byte[]>> redis;

    SharedPause(String key, SharedState state, Fallback fallback, PauseState local, Supplier<RedisCommands<String, byte[]>> redis) {
        this.key = key;
        this.state = state;
        this.fallback = fallback;
        this.local = local;
        this.redis = redis;
    }

    @Override
    public void pauseFor(long waitMs) {
        local.pauseFor(waitMs);
        if (waitMs <= 0) {
            return;
        }
        byte[] ms = Long.toString(waitMs).getBytes(StandardCharsets.US_ASCII);
        state.call(() -> redis.get().eval(PAUSE_UNLESS_LATER, ScriptOutputType.INTEGER, new String[] {key}, ms), () -> null);
    }

    @Override
    public long remainingMs() {
        long own = local.remainingMs();
        return state.call(() -> Math.max(own, Math.max(0, redis.get().pttl(key))), () -> fallback.refuseOr(own));
    }

    @Override
    public void reset() {
        local.reset();
        state.call(() -> redis.get().del(key), () -> null);
    }
}
