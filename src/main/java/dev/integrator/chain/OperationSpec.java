package dev.integrator.chain;

import dev.integrator.chain.breaker.BreakerGroup;
import dev.integrator.chain.budget.Budget;
import dev.integrator.chain.budget.PauseGate;
import dev.integrator.contract.ContractOperation;
import dev.integrator.http.PathTemplate;
import dev.integrator.normalize.DtoMapping;

/**
 * One operation as its route file declares it, resolved against its provider, its contract and its
 * DTO mapping. {@code budget} is the operation's own narrower budget, or null; {@code breaker} is the circuit
 * breaker of its group; {@code pause} is the pause of the provider's rate-limit resource the operation counts against;
 * {@code providerVersion} is its contract's, sent under the provider's {@code versionHeader} (null: none).
 */
public record OperationSpec(
        String id,
        ProviderRuntime provider,
        String method,
        PathTemplate path,
        String contractId,
        ContractOperation contract,
        int maxAttempts,
        Budget budget,
        BreakerGroup breaker,
        PauseGate pause,
        DtoMapping mapping,
        String providerVersion) {

    public boolean idempotent() {
        return provider.config().retry().idempotentMethods().contains(method);
    }

    /**
     * Whether every call sends an idempotency key: a write (a method not in {@code retry.idempotentMethods}) to a
     * provider with an {@code idempotencyHeader}.
     */
    public boolean keyed() {
        return provider.config().idempotencyHeader() != null && !idempotent();
    }
}
