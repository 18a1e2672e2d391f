package dev.integrator.normalize.sample;

import java.time.Instant;
import java.util.List;

/** A DTO in the shape a payments provider answers with: minor units, epoch seconds, a nested object that may be null. */
public record Payment(
        String id,
        long amount,
        int attempts,
        boolean captured,
        Instant created,
        Instant settledAt,
        String note,
        Customer customer,
        List<String> tags,
        boolean refunded,
        String legacyCode) {
}
