package dev.integrator.runtime;

import dev.integrator.chain.budget.QuotaStore;
import org.apache.camel.support.service.ServiceSupport;

/** Closes the quota store, and with it any Redis connection, when the Camel context stops. */
final class QuotaStoreService extends ServiceSupport {

    private final QuotaStore store;

    QuotaStoreService(QuotaStore store) {
        this.store = store;
    }

    @Override
    protected void doStop() {
        store.close();
    }
}
