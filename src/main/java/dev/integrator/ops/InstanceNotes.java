package dev.integrator.ops;

import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.redis.RedisEnv;

/**
 * The ops notes' part on several instances: with Redis they share one budget, so the quota math holds for all of them
 * together; while Redis does not answer each keeps its share of the rate, or refuses; without Redis each has the
 * whole budget.
 */
final class InstanceNotes {

    private InstanceNotes() {
    }

    /** @param quotaPerSecond the provider's quota per credential, or null when the settings do not record it */
    static String quotaMath(BudgetSettings budget, Double quotaPerSecond) {
        double perHour = budget.requestsPerSecond() * 3600;
        StringBuilder md = new StringBuilder();
        md.append("- Instances sharing Redis (`").append(RedisEnv.URL).append("`): the budget and the pauses are kept there, so all ")
                .append("instances together send at most ").append(Math.round(perHour)).append("/hour (plus one burst of ")
                .append(budget.burst()).append("), however many run. While Redis does not answer, ");
        if (BudgetSettings.REFUSE.equals(budget.whenSharedUnavailable())) {
            md.append("`budget.whenSharedUnavailable: refuse` fails every call at once with UNAVAILABLE, sending nothing.\n");
        } else {
            md.append("each instance keeps ").append(fmt(budget.requestsPerSecond())).append(" / ").append(budget.expectedInstances())
                    .append(" (`budget.expectedInstances`) = ").append(fmt(budget.fallbackRequestsPerSecond(budget.requestsPerSecond())))
                    .append("/s with a burst of ").append(budget.fallbackBurst(budget.burst()))
                    .append(" and only its own pauses (`budget.whenSharedUnavailable: local`): within the budget while at most ")
                    .append(budget.expectedInstances()).append(" instance(s) run.\n");
        }
        md.append("- Instances without Redis: the budget is per process. N instances sharing one credential send N x ")
                .append(Math.round(perHour)).append("/hour");
        if (quotaPerSecond != null) {
            md.append("; at these settings at most ").append((long) Math.floor(quotaPerSecond * 3600 / perHour))
                    .append(" instance(s) fit the quota; for N instances set `budget.requestsPerSecond` to ")
                    .append(fmt(quotaPerSecond)).append(" / N");
        }
        return md.append(".\n").toString();
    }

    private static String fmt(double value) {
        return OpsNotes.fmt(value);
    }
}
