package dev.integrator.runtime;

import dev.integrator.auth.TokenSources;
import dev.integrator.auth.TokenStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The token store, opened by the first provider that rotates refresh tokens and shared by all of them; closed with
 * the Camel context. No such provider, no store (and no Redis connection).
 */
final class TokenStoreOnce extends ServiceSupport implements Supplier<TokenStore> {

    private final Path dataDir;
    private final Map<String, String> env;
    private TokenStore store;

    TokenStoreOnce(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    @Override
    public synchronized TokenStore get() {
        if (store == null) {
            store = TokenSources.store(dataDir, env);
        }
        return store;
    }

    @Override
    protected synchronized void doStop() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
