/**
 * Slack Events API events as their DTOs: what a consumer of {@code integrator.events.slack.<event>} receives under
 * {@code data}. Declared in {@code contracts/slack.events.<event>.vN.yaml}; the core never imports them.
 */
package dev.integrator.slack.events;
