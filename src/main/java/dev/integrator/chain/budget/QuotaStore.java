package dev.integrator.chain.budget;

/**
 * Where the state of a provider's quota lives: its token buckets and the pauses of its rate-limit resources. Local
 * to this instance, or shared by every instance that names the same store, so that several instances spend one
 * provider quota between them instead of one each.
 */
public interface QuotaStore extends AutoCloseable {

    /**
     * The bucket {@code name} of {@code provider} (the provider's own budget is named after the provider, an
     * operation's after the operation), refilled at {@code requestsPerSecond} up to {@code burst} tokens.
     */
    RateBucket bucket(String provider, String name, double requestsPerSecond, int burst);

    /** The pause of {@code provider}'s rate-limit resource {@code resource}. */
    PauseState pause(String provider, String resource);

    /** Releases connections; the local store holds none. */
    @Override
    void close();
}
