package dev.integrator.ops;

import dev.integrator.chain.budget.RateLimitSettings;
import dev.integrator.provider.ProviderConfig;
import java.util.Locale;

/** The ops notes' line on pacing: how what the provider says is left of a quota spreads the calls over its window. */
final class PaceNotes {

    private PaceNotes() {
    }

    static void append(StringBuilder md, ProviderConfig p) {
        RateLimitSettings limits = p.rateLimit();
        if (!limits.reportsRemaining()) {
            md.append("- Pace: the provider's answers are not read for what is left of the quota (no `rateLimit.remainingHeader`/"
                    + "`resetHeader`, `rateLimit.headers: pair`), so only the budget spaces the calls.\n");
            return;
        }
        if (!limits.pace()) {
            md.append("- Pace: off (`rateLimit.pace: false`); what is left of the quota only pauses the calls when it reaches 0.\n");
            return;
        }
        String fields = limits.headers().equals(RateLimitSettings.IETF)
                ? "`RateLimit` (`r` left, `t` seconds to the reset; without `t`, the window `w` of the same policy in `RateLimit-Policy`;"
                        + " of several policies the slowest)"
                : "`" + limits.remainingHeader() + "` and `" + limits.resetHeader() + "`";
        md.append("- Pace (`rateLimit.pace`): each answer's ").append(fields)
                .append(" say what is left of its rate-limit resource; the calls on that resource are spread over the time to the reset at")
                .append(" (left + 0.5) / seconds to the reset per second, the last half a gap before the reset");
        if (p.ops() != null && p.ops().quotaPerHour() != null) {
            md.append(" (a full quota of ").append(p.ops().quotaPerHour()).append(" with an hour to go: ")
                    .append(String.format(Locale.ROOT, "%.2f", (p.ops().quotaPerHour() + 0.5) / 3600)).append("/s)");
        }
        md.append(", whenever that is slower than the budget's ").append(OpsNotes.fmt(p.budget().requestsPerSecond()))
                .append("/s. An answer moving the pace by more than 5 % changes it; the reset, or an answer that says nothing readable,")
                .append(" lifts it; a call it would hold over ").append(p.budget().maxWaitMs())
                .append(" ms fails at once with RATE_LIMITED. With the local quota store each instance paces on the provider's count, which")
                .append(" includes every instance's spend: together they spend faster at first and slow down as it falls, without running")
                .append(" out before the reset; with a shared store (`INTEGRATOR_REDIS_URL`) one pace holds for all of them.\n");
    }
}
