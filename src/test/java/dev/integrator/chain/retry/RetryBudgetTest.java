package dev.integrator.chain.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The retry budget's arithmetic: a share of the active calls, never below the minimum, and slots given back. */
class RetryBudgetTest {

    private static RetryBudget withActiveCalls(RetryBudget budget, int calls) {
        IntStream.range(0, calls).forEach(i -> budget.callStarted());
        return budget;
    }

    private static int granted(RetryBudget budget, int asked) {
        return (int) IntStream.range(0, asked).filter(i -> budget.tryAcquire()).count();
    }

    @Test
    void twenty_percent_of_32_active_calls_is_6_retries_in_flight() {
        RetryBudget budget = withActiveCalls(new RetryBudget(20, 3), 32);

        assertThat(budget.limit()).isEqualTo(6);
        assertThat(granted(budget, 10)).isEqualTo(6);
        assertThat(budget.activeRetries()).isEqualTo(6);
    }

    @Test
    void the_minimum_holds_when_the_share_is_smaller() {
        RetryBudget budget = withActiveCalls(new RetryBudget(20, 3), 10);

        assertThat(budget.limit()).as("20 %% of 10 is 2, under the minimum").isEqualTo(3);
        assertThat(granted(budget, 5)).isEqualTo(3);
    }

    @Test
    void the_share_is_rounded_down_as_envoy_does() {
        assertThat(withActiveCalls(new RetryBudget(20, 0), 14).limit()).as("2.8").isEqualTo(2);
        assertThat(withActiveCalls(new RetryBudget(12.5, 0), 16).limit()).isEqualTo(2);
        assertThat(withActiveCalls(new RetryBudget(20, 0), 4).limit()).as("0.8").isZero();
    }

    @Test
    void no_share_and_no_minimum_refuse_every_retry() {
        RetryBudget budget = withActiveCalls(new RetryBudget(0, 0), 100);

        assertThat(budget.tryAcquire()).isFalse();
        assertThat(budget.activeRetries()).isZero();
    }

    @Test
    void a_released_retry_frees_its_slot_for_the_next() {
        RetryBudget budget = withActiveCalls(new RetryBudget(20, 1), 1);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        budget.release();

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.activeRetries()).isEqualTo(1);
    }

    @Test
    void the_limit_follows_the_active_calls_as_they_end() {
        RetryBudget budget = withActiveCalls(new RetryBudget(50, 0), 4);
        assertThat(granted(budget, 4)).isEqualTo(2);

        budget.callEnded();
        budget.callEnded();

        assertThat(budget.limit()).isEqualTo(1);
        assertThat(budget.tryAcquire()).as("2 in flight, limit 1").isFalse();
        budget.release();
        budget.release();
        assertThat(budget.tryAcquire()).isTrue();
        budget.release();
        budget.callEnded();
        budget.callEnded();
        assertThat(budget.activeCalls()).isZero();
        assertThat(budget.activeRetries()).isZero();
    }

    @Test
    void impossible_settings_are_refused() {
        assertThatThrownBy(() -> new RetryBudget(101, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("budgetPercent in [0,100] and minRetryConcurrency >= 0, but was 101.0, 3");
        assertThatThrownBy(() -> new RetryBudget(20, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
