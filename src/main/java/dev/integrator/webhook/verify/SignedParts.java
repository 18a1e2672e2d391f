package dev.integrator.webhook.verify;

import java.util.List;

/**
 * What a scheme read from a delivery's headers: the bytes signed before the body, the signatures to check (each the
 * raw MAC bytes) and the signed timestamp in epoch seconds, or {@code null} for a scheme that signs none.
 */
record SignedParts(byte[] prefix, List<byte[]> signatures, Long timestamp) {
}
