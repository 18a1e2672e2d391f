package dev.integrator.chain.attempt;

import dev.integrator.chain.base.SettingsCheck;
import java.util.List;

/**
 * How long a provider's calls may take ({@code timeouts:} in the provider settings): to connect, for one attempt's
 * whole answer, and for the whole call with its retries and waits. {@code minAttemptMs}: the least time an attempt
 * needs to be worth making (capped at {@code responseMs}); a retry whose wait leaves less than that before the
 * deadline is not made, and the failure that asked for it is returned.
 */
public record TimeoutSettings(long connectMs, long responseMs, long deadlineMs, long minAttemptMs) {

    public List<String> problems() {
        return new SettingsCheck()
                .rule(connectMs > 0, "timeouts.connectMs", "> 0", connectMs)
                .rule(responseMs > 0, "timeouts.responseMs", "> 0", responseMs)
                .rule(deadlineMs >= responseMs, "timeouts.deadlineMs", ">= timeouts.responseMs", deadlineMs)
                .rule(minAttemptMs > 0, "timeouts.minAttemptMs", "> 0", minAttemptMs)
                .problems();
    }

    /** The time a retry must leave for its attempt before the deadline: {@code minAttemptMs}, at most {@code responseMs}. */
    public long attemptRoomMs() {
        return Math.min(minAttemptMs, responseMs);
    }
}
