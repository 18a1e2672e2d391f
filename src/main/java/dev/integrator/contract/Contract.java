package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One version of one provider resource's contract, loaded from {@code contracts/<provider>.<resource>.vN.yaml}.
 * {@code status} is active (routes may use it), deprecated (kept, unused, replayed) or retired (no route may use it).
 * {@code records} (the Java package of the DTO records) and {@code mappings} (how each record is read from a
 * response) are the declared DTO mappings, left as written: the normalize package compiles them.
 * {@code providerVersion}, when given, is the provider's API version the contract was written against (Stripe's
 * {@code 2024-06-20}): sent under the provider's {@code versionHeader} with every request of the contract's operations,
 * so that a contract bump is what moves it. Null when the contract names none.
 */
public record Contract(
        String id,
        String provider,
        String resource,
        int version,
        String status,
        Map<String, String> provenance,
        Map<String, ContractOperation> operations,
        String records,
        JsonNode mappings,
        String providerVersion) {

    public static final java.util.Set<String> STATUSES = java.util.Set.of("active", "deprecated", "retired");

    public boolean mayBeUnused() {
        return !status.equals("active");
    }
}
