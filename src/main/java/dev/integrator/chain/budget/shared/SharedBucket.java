package dev.integrator.chain.budget.shared;

import dev.integrator.chain.budget.RateBucket;

/**
 * A budget's bucket kept in Redis for every instance, with this instance's fallback for when Redis does not answer:
 * a local bucket of its share of the rate, or a refusal. Taking (reserve, nanosToWait) goes to whichever applies; a
 * token given back goes where tokens are taken now; a new pace and a reset go to both, so that the fallback follows
 * the provider as the shared bucket does.
 */
final class SharedBucket implements RateBucket {

    private final SharedState state;
    private final Fallback fallback;
    private final RateBucket shared;
    private final RateBucket local;

    SharedBucket(SharedState state, Fallback fallback, RateBucket shared, RateBucket local) {
        this.state = state;
        this.fallback = fallback;
        this.shared = shared;
        this.local = local;
    }

    @Override
    public long reserve(long maxWaitNanos) {
        return state.call(() -> shared.reserve(maxWaitNanos), () -> fallback.refuseOr(local).reserve(maxWaitNanos));
    }

    @Override
    public long nanosToWait() {
        return state.call(shared::nanosToWait, () -> fallback.refuseOr(local).nanosToWait());
    }

    @Override
    public void giveBack() {
        state.call(() -> {
            shared.giveBack();
            return null;
        }, () -> {
            if (!fallback.refuses()) {
                local.giveBack();
            }
            return null;
        });
    }

    @Override
    public void reconfigure(double requestsPerSecond, int burst) {
        local.reconfigure(fallback.requestsPerSecond(requestsPerSecond), fallback.burst(burst));
        state.call(() -> {
            shared.reconfigure(requestsPerSecond, burst);
            return null;
        }, () -> null);
    }

    @Override
    public void reset() {
        local.reset();
        state.call(() -> {
            shared.reset();
            return null;
        }, () -> null);
    }
}
