package dev.integrator.chain.budget;

import static dev.integrator.chain.budget.QuotaReportTest.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.integrator.ManualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The pace of a rate-limit resource: what is left spread over the time to the reset, changed only when an answer
 * moves it by more than a small share, lifted at the reset, after an answer that reports nothing, and never set
 * where it would be no slower than the provider's budget.
 */
class RatePaceTest {

    private static final double BUDGET_RPS = 100;

    private final ManualTime time = new ManualTime(Instant.parse("2026-11-30T12:00:00Z"));
    private final RatePaces paces = new RatePaces("github", QuotaReportTest.signals("X-RateLimit-Remaining", "X-RateLimit-Reset",
            RateLimitSettings.SECONDS_FROM_NOW, RateLimitSettings.PAIR), settings(true), BUDGET_RPS, new LocalQuotaStore(time), time);
    private final RatePace core = paces.of("core");

    @Test
    void the_remaining_requests_are_spread_a_gap_apart_until_the_reset() {
        report(9, 10);

        assertThat(core.requestsPerSecond()).isEqualTo(0.95);
        assertThat(core.budget().reserve(10_000)).as("the first at once").isZero();
        assertThat(core.budget().reserve(10_000)).as("the next a gap later: 10 s / 9.5").isEqualTo(1053);
    }

    @Test
    void a_small_change_keeps_the_pace_and_a_larger_one_replaces_it() {
        report(9, 10);
        time.advance(Duration.ofSeconds(1));
        report(8, 9);
        double kept = core.requestsPerSecond();
        report(3, 9);

        assertThat(kept).as("8.5 / 9 s is within 5 % of 0.95").isEqualTo(0.95);
        assertThat(core.requestsPerSecond()).isCloseTo(3.5 / 9, within(1e-9));
        core.budget().reserve(10_000);
        assertThat(core.budget().reserve(10_000)).as("the bucket refills at the new pace").isEqualTo(2572);
    }

    @Test
    void a_reset_in_whole_seconds_keeps_the_earliest_reading_of_one_window() {
        report(10, 5);
        time.advance(Duration.ofMillis(300));
        report(10, 5);

        assertThat(core.requestsPerSecond()).as("the reset is 4.7 s away, not 5").isCloseTo(10.5 / 4.7, within(1e-9));
        time.advance(Duration.ofMillis(4_400));
        assertThat(core.budget()).as("the first reading's reset has not passed").isNotNull();
        time.advance(Duration.ofMillis(300));
        assertThat(core.budget()).as("lifted at the reset").isNull();
    }

    @Test
    void an_answer_that_reports_nothing_lifts_the_pace() {
        report(9, 10);
        paces.after(answer(), "core", time.now());

        assertThat(core.budget()).isNull();
        assertThat(core.requestsPerSecond()).isZero();
    }

    @Test
    void a_remaining_of_0_leaves_the_pace_to_the_pause() {
        report(9, 10);
        report(0, 9);

        assertThat(core.requestsPerSecond()).isEqualTo(0.95);
    }

    @Test
    void a_pace_no_slower_than_the_budget_is_not_set() {
        report(5000, 10);

        assertThat(core.budget()).as("500/s is above the 100/s budget").isNull();
    }

    @Test
    void the_resource_the_answer_names_is_paced_and_no_other() {
        RatePace search = paces.of("search");
        paces.after(answer("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "60", "X-RateLimit-Resource", "search"), "core", time.now());
        paces.after(answer("X-RateLimit-Remaining", "1", "X-RateLimit-Reset", "60", "X-RateLimit-Resource", "graphql"), "core", time.now());

        assertThat(search.requestsPerSecond()).isEqualTo(1.5 / 60);
        assertThat(core.budget()).isNull();
        assertThat(paces.of("graphql").budget()).as("no call has drawn from graphql").isNull();
    }

    @Test
    void with_pace_off_nothing_is_paced() {
        RatePaces off = new RatePaces("github", QuotaReportTest.signals("X-RateLimit-Remaining", "X-RateLimit-Reset",
                RateLimitSettings.SECONDS_FROM_NOW, RateLimitSettings.PAIR), settings(false), BUDGET_RPS, new LocalQuotaStore(time), time);
        off.after(answer("X-RateLimit-Remaining", "9", "X-RateLimit-Reset", "10"), "core", time.now());

        assertThat(off.of("core").budget()).isNull();
    }

    private void report(long remaining, long resetSeconds) {
        paces.after(answer("X-RateLimit-Remaining", String.valueOf(remaining), "X-RateLimit-Reset", String.valueOf(resetSeconds)), "core",
                time.now());
    }

    private static RateLimitSettings settings(boolean pace) {
        return new RateLimitSettings("X-RateLimit-Remaining", "X-RateLimit-Reset", RateLimitSettings.SECONDS_FROM_NOW, "X-RateLimit-Resource",
                "core", null, 60_000, 3_600_000, 0, RateLimitSettings.PAIR, pace);
    }
}
