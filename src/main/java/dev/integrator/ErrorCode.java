package dev.integrator;

/** The stable error codes of the result envelope. Never rename one: callers switch on them. */
public enum ErrorCode {
    INVALID_REQUEST,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    UNPROCESSABLE,
    RATE_LIMITED,
    UPSTREAM_ERROR,
    TIMEOUT,
    UNAVAILABLE,
    CIRCUIT_OPEN,
    CONTRACT_VIOLATION,
    INTERNAL;

    /** Failures that mean the provider is unwell; only these may open a circuit breaker. */
    public boolean isOutage() {
        return this == UPSTREAM_ERROR || this == TIMEOUT || this == UNAVAILABLE;
    }
}
