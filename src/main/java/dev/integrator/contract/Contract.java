package dev.integrator.contract;

import java.util.Map;

/** One version of one provider resource's contract, loaded from {@code contracts/<provider>.<resource>.vN.yaml}. */
public record Contract(
        String id,
        String provider,
        String resource,
        int version,
        Map<String, String> provenance,
        Map<String, ContractOperation> operations) {
}
