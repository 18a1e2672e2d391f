package dev.integrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.chain.budget.BudgetSettings;
import org.junit.jupiter.api.Test;

/** The ops notes' quota math for several instances: one shared budget with Redis, each one's share without it. */
class InstanceNotesTest {

    @Test
    void with_redis_the_rate_is_for_all_instances_and_the_fallback_is_each_ones_share() {
        String notes = InstanceNotes.quotaMath(new BudgetSettings(1.2, 10, 20_000, 3, BudgetSettings.LOCAL), 5000 / 3600.0);

        assertThat(notes).contains("all instances together send at most 4320/hour (plus one burst of 10)")
                .contains("each instance keeps 1.20 / 3 (`budget.expectedInstances`) = 0.40/s with a burst of 3")
                .contains("N instances sharing one credential send N x 4320/hour; at these settings at most 1 instance(s)")
                .contains("set `budget.requestsPerSecond` to 1.39 / N");
    }

    @Test
    void refuse_says_calls_fail_while_redis_does_not_answer() {
        String notes = InstanceNotes.quotaMath(new BudgetSettings(10, 10, 20_000, 1, BudgetSettings.REFUSE), null);

        assertThat(notes).contains("`budget.whenSharedUnavailable: refuse` fails every call at once with UNAVAILABLE")
                .contains("send N x 36000/hour.").doesNotContain("instance(s) fit");
    }
}
