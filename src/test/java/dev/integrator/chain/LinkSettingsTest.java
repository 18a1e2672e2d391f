package dev.integrator.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.chain.attempt.TimeoutSettings;
import dev.integrator.chain.breaker.BreakerSettings;
import dev.integrator.chain.budget.BudgetSettings;
import dev.integrator.chain.retry.RetrySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each link's settings record checks itself and names every problem at once, as the provider file spells the field. */
class LinkSettingsTest {

    @Test
    void a_budget_with_no_rate_no_burst_and_a_negative_wait_names_all_three() {
        assertThat(new BudgetSettings(0, 0, -1).problems()).containsExactly(
                "budget.requestsPerSecond must be > 0, but was 0.0",
                "budget.burst must be >= 1, but was 0",
                "budget.maxWaitMs must be >= 0, but was -1");
    }

    @Test
    void a_budget_shared_by_no_instance_or_with_an_unknown_fallback_is_refused() {
        assertThat(new BudgetSettings(10, 10, 20_000, 0, "sometimes").problems()).containsExactly(
                "budget.expectedInstances must be >= 1, but was 0",
                "budget.whenSharedUnavailable must be one of [local, refuse], but was sometimes");
    }

    @Test
    void a_retry_whose_cap_is_below_its_first_delay_is_refused() {
        assertThat(new RetrySettings(3, 500, 2.0, 100, 0.5, List.of("GET"), 20, 3).problems())
                .containsExactly("retry.maxDelayMs must be >= retry.initialDelayMs, but was 100");
    }

    @Test
    void a_retry_budget_over_100_percent_or_with_a_negative_minimum_names_both() {
        assertThat(new RetrySettings(3, 250, 2.0, 4000, 0.5, List.of("GET"), 120, -1).problems()).containsExactly(
                "retry.budgetPercent must be between 0 and 100, but was 120.0",
                "retry.minRetryConcurrency must be >= 0, but was -1");
        assertThat(new RetrySettings(3, 250, 2.0, 4000, 0.5, List.of("GET"), -5, 0).problems())
                .containsExactly("retry.budgetPercent must be between 0 and 100, but was -5.0");
    }

    @Test
    void a_breaker_that_never_opens_is_refused() {
        assertThat(new BreakerSettings(0, 10, 5, 30_000, 2).problems())
                .containsExactly("breaker.failureRateThreshold must be in (0, 100], but was 0.0");
    }

    @Test
    void a_deadline_shorter_than_one_attempt_is_refused() {
        assertThat(new TimeoutSettings(1000, 5000, 4000, 1000).problems())
                .containsExactly("timeouts.deadlineMs must be >= timeouts.responseMs, but was 4000");
    }

    @Test
    void valid_settings_have_no_problems() {
        assertThat(new BudgetSettings(10, 10, 20_000).problems()).isEmpty();
        assertThat(new BudgetSettings(10, 10, 20_000, 3, "refuse").problems()).isEmpty();
        assertThat(new RetrySettings(3, 250, 2.0, 4000, 0.5, List.of("GET"), 20, 3).problems()).isEmpty();
        assertThat(new BreakerSettings(50, 10, 5, 30_000, 2).problems()).isEmpty();
        assertThat(new TimeoutSettings(3000, 10_000, 30_000, 1000).problems()).isEmpty();
    }
}
