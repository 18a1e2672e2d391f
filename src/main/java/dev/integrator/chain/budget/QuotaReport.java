package dev.integrator.chain.budget;

/**
 * What an answer says is left of a rate-limit resource: {@code remaining} requests until the quota is renewed in
 * {@code resetMs} ms from the answer.
 */
public record QuotaReport(long remaining, long resetMs) {

    /**
     * Requests per second that spend what is left before the reset: the remaining requests one gap apart, the last
     * half a gap before the reset, so the one after it falls half a gap after. At remaining/reset an empty bucket has
     * the last token due on the reset itself, where a little jitter puts it on the wrong side. Infinite when the
     * reset is now.
     */
    public double paceRps() {
        return resetMs <= 0 ? Double.POSITIVE_INFINITY : (remaining + 0.5) * 1000.0 / resetMs;
    }
}
