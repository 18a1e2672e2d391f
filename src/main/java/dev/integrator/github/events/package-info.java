/**
 * GitHub webhook events as their DTOs: what a consumer of {@code integrator.events.github.<event>} receives under
 * {@code data}. Declared in {@code contracts/github.events.<event>.vN.yaml}; the core never imports them.
 */
package dev.integrator.github.events;
