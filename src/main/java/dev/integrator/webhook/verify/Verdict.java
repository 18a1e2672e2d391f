package dev.integrator.webhook.verify;

/**
 * The outcome of checking a delivery's signature. A missing, malformed or wrong signature is {@link #BAD_SIGNATURE}
 * (the ingress says no more than 401 either way); {@link #STALE} is a good signature over a timestamp outside the
 * replay window, too old or too far in the future.
 */
public enum Verdict {
    VALID, BAD_SIGNATURE, STALE
}
