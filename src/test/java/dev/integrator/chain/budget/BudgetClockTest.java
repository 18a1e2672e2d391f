package dev.integrator.chain.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets refill and pauses end on the monotonic clock; the wall clock may jump either way without effect. */
class BudgetClockTest {

    private final ManualTime time = new ManualTime(Instant.parse("2026-11-30T12:00:00Z"));

    @Test
    void a_token_is_refused_until_the_refill_and_given_after_it() {
        Budget budget = new Budget("github", 1, TokenBucket.local(1, 1, time));
        budget.reserve(0);

        IntegrationException refused = catchThrowableOfType(IntegrationException.class, () -> budget.reserve(0));
        time.advance(Duration.ofSeconds(1));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(1000L);
        assertThat(budget.reserve(0)).isZero();
    }

    @Test
    void a_token_due_within_the_bound_is_reserved_and_its_wait_returned() {
        Budget budget = new Budget("github", 1, TokenBucket.local(1, 1, time));
        budget.reserve(0);

        assertThat(budget.reserve(1500)).isEqualTo(1000);
        assertThat(catchThrowableOfType(IntegrationException.class, () -> budget.reserve(1500)).retryAfterMs())
                .as("the next token is behind the reserved one").isEqualTo(2000L);
    }

    @Test
    void a_wall_clock_stepped_back_an_hour_does_not_refuse_the_next_token() {
        Budget budget = new Budget("github", 1, TokenBucket.local(1, 1, time));
        budget.reserve(0);

        time.advance(Duration.ofSeconds(1));
        time.setWall(time.now().minus(Duration.ofHours(1)));

        assertThat(budget.reserve(0)).isZero();
    }

    @Test
    void a_wall_clock_stepped_forward_an_hour_does_not_end_a_pause() {
        PauseGate pause = gate(0, 0.0);
        pause.pauseFor(60_000);

        time.setWall(time.now().plus(Duration.ofHours(1)));
        long stillPaused = pause.remainingMs();
        time.advance(Duration.ofSeconds(60));

        assertThat(stillPaused).isEqualTo(60_000);
        assertThat(pause.remainingMs()).isZero();
        assertThat(pause.waitMs(0)).isZero();
    }

    @Test
    void calls_held_by_one_pause_each_add_their_own_jitter() {
        PauseGate pause = gate(500, 0.1, 0.9);
        pause.pauseFor(1000);

        assertThat(pause.waitMs(5000)).isEqualTo(1050);
        assertThat(pause.waitMs(5000)).isEqualTo(1450);
    }

    @Test
    void jitter_never_carries_a_wait_past_the_callers_bound() {
        PauseGate pause = gate(500, 0.9);
        pause.pauseFor(1000);

        assertThat(pause.waitMs(1200)).isEqualTo(1200);
    }

    @Test
    void a_pause_longer_than_the_callers_bound_refuses_with_the_rest_of_the_pause() {
        PauseGate pause = gate(500, 0.5);
        pause.pauseFor(60_000);
        time.advance(Duration.ofSeconds(10));

        IntegrationException refused = catchThrowableOfType(IntegrationException.class, () -> pause.waitMs(20_000));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterMs()).isEqualTo(50_000L);
        assertThat(refused.getMessage()).contains("'search'");
    }

    @Test
    void a_shorter_pause_does_not_cut_a_longer_one() {
        PauseGate pause = gate(0, 0.0);
        pause.pauseFor(60_000);
        pause.pauseFor(1_000);

        assertThat(pause.remainingMs()).isEqualTo(60_000);
    }

    private PauseGate gate(long jitterMs, Double... randoms) {
        Iterator<Double> values = List.of(randoms).iterator();
        return new PauseGate("github", "search", new LocalPause(time), jitterMs, values::next);
    }
}
