package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.chain.retry.Backoff;
import org.junit.jupiter.api.Test;

/** The wait between attempts: exponential, capped, jittered downwards only, and really waited. */
class BackoffTest extends GitHubStub {

    @Test
    void each_retry_waits_initial_times_multiplier_to_the_power_of_retries_before() {
        Backoff backoff = Backoff.exponential(100, 3.0, 100_000, 0, () -> 0.5);

        assertThat(backoff.delayMs(1)).isEqualTo(100);
        assertThat(backoff.delayMs(2)).isEqualTo(300);
        assertThat(backoff.delayMs(3)).isEqualTo(900);
        assertThat(backoff.delayMs(4)).isEqualTo(2700);
    }

    @Test
    void the_delay_never_grows_past_the_cap() {
        Backoff backoff = Backoff.exponential(250, 2.0, 1000, 0, () -> 0.0);

        assertThat(backoff.delayMs(1)).isEqualTo(250);
        assertThat(backoff.delayMs(2)).isEqualTo(500);
        assertThat(backoff.delayMs(3)).isEqualTo(1000);
        assertThat(backoff.delayMs(4)).isEqualTo(1000);
        assertThat(backoff.delayMs(30)).isEqualTo(1000);
    }

    @Test
    void jitter_only_shortens_the_delay_and_by_at_most_its_fraction() {
        Backoff lowestRandom = Backoff.exponential(1000, 2.0, 4000, 0.5, () -> 0.0);
        Backoff highestRandom = Backoff.exponential(1000, 2.0, 4000, 0.5, () -> 0.999);

        assertThat(lowestRandom.delayMs(1)).isEqualTo(1000);
        assertThat(lowestRandom.delayMs(3)).isEqualTo(4000);
        assertThat(highestRandom.delayMs(1)).isEqualTo(Math.round(1000 * (1 - 0.5 * 0.999)));
        assertThat(highestRandom.delayMs(1)).isBetween(500L, 1000L);
        assertThat(highestRandom.delayMs(3)).isEqualTo(Math.round(4000 * (1 - 0.5 * 0.999)));
        assertThat(highestRandom.delayMs(5)).as("jitter applies after the cap").isBetween(2000L, 4000L);
    }

    @Test
    void full_jitter_can_bring_the_delay_close_to_zero_but_not_below() {
        Backoff backoff = Backoff.exponential(1000, 2.0, 4000, 1.0, () -> 0.999);

        assertThat(backoff.delayMs(1)).isEqualTo(1);
        assertThat(backoff.delayMs(2)).isEqualTo(2);
    }

    @Test
    void impossible_settings_are_refused_with_the_values_named() {
        assertThatThrownBy(() -> Backoff.exponential(100, 0.5, 1000, 0, () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
        assertThatThrownBy(() -> Backoff.exponential(100, 2, 50, 0, () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(100, 2, 1000, 1.5, () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(-1, 2, 1000, 0, () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retries_of_a_call_really_wait_the_backoff_between_requests() {
        start("""
                {"retry": {"initialDelayMs": 200, "multiplier": 2, "maxDelayMs": 1000, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000}}
                """);
        github.stubFor(get("/repos/apache/camel").willReturn(status(503)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(requests()).hasSize(3);
        assertThat(gapMs(0)).as("wait before the first retry").isGreaterThanOrEqualTo(190);
        assertThat(gapMs(1)).as("wait before the second retry").isGreaterThanOrEqualTo(390);
    }
}
