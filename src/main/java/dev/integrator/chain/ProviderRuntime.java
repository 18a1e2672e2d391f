package dev.integrator.chain;

import dev.integrator.auth.TokenSource;
import dev.integrator.auth.TokenSources;
import dev.integrator.auth.TokenStore;
import dev.integrator.chain.base.TimeSource;
import dev.integrator.chain.breaker.BreakerGroup;
import dev.integrator.chain.budget.Budget;
import dev.integrator.chain.budget.QuotaStore;
import dev.integrator.chain.budget.RateLimitPauses;
import dev.integrator.chain.budget.RateLimitSignals;
import dev.integrator.chain.retry.Backoff;
import dev.integrator.chain.retry.RetryBudget;
import dev.integrator.http.UpstreamClient;
import dev.integrator.provider.ErrorDialect;
import dev.integrator.provider.ProviderConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider shares across its operations: settings, HTTP client, request budget, retry budget and rate-limit
 * pauses, and the circuit breakers of its operation groups (one for the provider unless a route names another group with
 * {@code breakerGroup}).
 */
public final class ProviderRuntime {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.provider");

    /** The group of every operation whose route names none. */
    private static final String DEFAULT_GROUP = "";

    private final ProviderConfig config;
    private final UpstreamClient client;
    private final TokenSource tokens;
    private final Budget budget;
    private final Map<String, BreakerGroup> breakers = new ConcurrentHashMap<>();
    private final RateLimitSignals signals;
    private final ErrorDialect dialect;
    private final Backoff backoff;
    private final RetryBudget retryBudget;
    private final TimeSource time;
    private final QuotaStore quota;
    private final RateLimitPauses pauses;

    /**
     * @param tls the TLS context for the provider's connections, or null for the JDK default
     * @param time the clocks of the budget, of reading the provider's reset times and of token expiry
     * @param tokenStore where rotated refresh tokens live, opened only for a provider whose OAuth grant rotates them
     * @param quota where the budgets' counts and the pauses live: this instance, or shared by several
     */
    public ProviderRuntime(ProviderConfig config, Map<String, String> env, SSLContext tls, TimeSource time,
            Supplier<TokenStore> tokenStore, QuotaStore quota) {
        this.config = config;
        if (config.allowInsecureHttp()) {
            // The origin only: a base URL's path or query may carry what a log must not.
            URI base = URI.create(config.baseUrl());
            LOG.warn("provider {}: allowInsecureHttp is true, so a plain-http base URL to any host is accepted and the token and "
                    + "data would travel unencrypted; base URL origin {}://{}{}", config.provider(), base.getScheme(), base.getHost(),
                    base.getPort() < 0 ? "" : ":" + base.getPort());
        }
        this.client = new UpstreamClient(config.baseUrl(), Duration.ofMillis(config.timeouts().connectMs()),
                config.maxResponseBytes(), tls);
        ProviderConfig.Auth auth = config.auth();
        this.tokens = TokenSources.of(config.provider(), auth == null ? null : auth.tokenEnv(), auth == null ? null : auth.oauth(), env,
                tls, Duration.ofMillis(config.timeouts().connectMs()), Duration.ofMillis(config.timeouts().responseMs()), time, tokenStore);
        this.time = time;
        this.quota = quota;
        this.budget = budget(config.provider(), config.budget().requestsPerSecond(), config.budget().burst());
        group(DEFAULT_GROUP);
        this.signals = new RateLimitSignals(config.rateLimit());
        this.dialect = new ErrorDialect(config.errors());
        this.pauses = new RateLimitPauses(config.provider(), signals, quota, config.rateLimit().pauseJitterMs());
        this.backoff = config.retry().backoff(() -> ThreadLocalRandom.current().nextDouble());
        this.retryBudget = config.retry().budget();
    }

    /**
     * Back to closed breakers, a full budget and no pause: each sentinel replay starts from the same state. The retry
     * budget is left alone: it counts calls and retries in flight, each of which gives its count back when it ends.
     */
    public void reset() {
        breakers.values().forEach(b -> b.circuitBreaker().reset());
        budget.reset();
        pauses.reset();
    }

    public ProviderConfig config() {
        return config;
    }

    public UpstreamClient client() {
        return client;
    }

    /** Where the token of each attempt comes from. */
    public TokenSource tokens() {
        return tokens;
    }

    /** The Authorization header value for {@code token} (null for none), in the provider's scheme. */
    public String authorization(String token) {
        return token == null ? null : config.auth().scheme() + " " + token;
    }

    public Budget budget() {
        return budget;
    }

    /** A budget named {@code name} (the provider's, or one of its operations') in the provider's quota store. */
    public Budget budget(String name, double requestsPerSecond, int burst) {
        return new Budget(name, requestsPerSecond, quota.bucket(config.provider(), name, requestsPerSecond, burst));
    }

    public RateLimitPauses pauses() {
        return pauses;
    }

    public TimeSource time() {
        return time;
    }

    /** The breaker of the provider's default group. */
    public CircuitBreaker breaker() {
        return breaker(DEFAULT_GROUP);
    }

    /** The breaker of {@code group}, which a route names in its {@code breakerGroup} parameter. */
    public CircuitBreaker breaker(String group) {
        BreakerGroup found = breakers.get(name(group));
        if (found == null) {
            throw new IllegalArgumentException("no operation of " + config.provider() + " is in breaker group '" + group + "'");
        }
        return found.circuitBreaker();
    }

    /** The breaker group {@code group}, made when its first operation is resolved; "" is the provider's default group. */
    public BreakerGroup group(String group) {
        return breakers.computeIfAbsent(name(group), name -> new BreakerGroup(name, config.breaker()));
    }

    /** Every breaker group of the provider, by name. */
    public List<BreakerGroup> breakers() {
        return breakers.values().stream().sorted(Comparator.comparing(BreakerGroup::name)).toList();
    }

    private String name(String group) {
        return group.isEmpty() || group.equals(config.provider()) ? config.provider() : config.provider() + "." + group;
    }

    public RateLimitSignals signals() {
        return signals;
    }

    /** How the provider's answers say that a call failed, and which of our codes they stand for. */
    public ErrorDialect dialect() {
        return dialect;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** The share of this instance's active calls of the provider that may be retries in flight. */
    public RetryBudget retryBudget() {
        return retryBudget;
    }
}
