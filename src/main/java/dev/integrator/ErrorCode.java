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
    INTERNAL
}
