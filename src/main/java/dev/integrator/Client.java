package dev.integrator;

import java.util.Map;

/**
 * Calls operations by id: what a provider's typed client is built on, so that the core never knows one.
 * {@link Integrator} is the implementation; a test may give any other.
 */
public interface Client {

    /** Calls one operation and returns its envelope; never throws for a provider or request failure. */
    Envelope call(String operation, Map<String, ?> params);

    /** Calls one operation and returns its DTO, or throws IntegrationException carrying the error envelope. */
    <T> T request(String operation, Map<String, ?> params, Class<T> dto);
}
