package dev.integrator.chain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.http.UpstreamResponse;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What an answer says is left of a quota: the provider's remaining/reset pair in each reset format, and the IETF
 * fields (draft-ietf-httpapi-ratelimit-headers-10) in their structured form. A malformed value reports nothing.
 */
class QuotaReportTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void githubs_pair_reads_the_reset_as_epoch_seconds() {
        assertThat(pair(RateLimitSettings.EPOCH_SECONDS).report(answer("X-RateLimit-Remaining", "4999",
                "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 3600)), NOW)).contains(new QuotaReport(4999, 3_600_000));
    }

    @Test
    void the_older_triple_reads_the_reset_as_seconds_from_now() {
        RateLimitSignals signals = signals("RateLimit-Remaining", "RateLimit-Reset", RateLimitSettings.SECONDS_FROM_NOW, RateLimitSettings.PAIR);

        assertThat(signals.report(answer("RateLimit-Limit", "100", "RateLimit-Remaining", "42", "RateLimit-Reset", "30"), NOW))
                .contains(new QuotaReport(42, 30_000));
    }

    @Test
    void a_reset_as_an_http_date_is_the_time_until_it() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(60).atOffset(ZoneOffset.UTC));

        assertThat(pair(RateLimitSettings.HTTP_DATE).report(answer("X-RateLimit-Remaining", "7", "X-RateLimit-Reset", inAMinute), NOW))
                .contains(new QuotaReport(7, 60_000));
    }

    @Test
    void garbage_in_the_pair_reports_nothing() {
        RateLimitSignals signals = pair(RateLimitSettings.SECONDS_FROM_NOW);

        assertThat(signals.report(answer("X-RateLimit-Remaining", "lots", "X-RateLimit-Reset", "30"), NOW)).isEmpty();
        assertThat(signals.report(answer("X-RateLimit-Remaining", "-1", "X-RateLimit-Reset", "30"), NOW)).isEmpty();
        assertThat(signals.report(answer("X-RateLimit-Remaining", "10", "X-RateLimit-Reset", "soon"), NOW)).isEmpty();
        assertThat(signals.report(answer("X-RateLimit-Remaining", "10"), NOW)).as("no reset").isEmpty();
        assertThat(signals.report(answer(), NOW)).as("no headers").isEmpty();
    }

    @Test
    void the_structured_field_gives_remaining_and_seconds_to_the_reset() {
        assertThat(ietf("\"default\";r=50;t=30")).contains(new QuotaReport(50, 30_000));
        assertThat(ietf("default;r=50;t=30;pk=:dHJpYWw=:")).as("a token name, a partition key").contains(new QuotaReport(50, 30_000));
    }

    @Test
    void of_several_policies_the_one_leaving_the_slowest_pace_is_reported() {
        assertThat(ietf("\"permin\";r=50;t=10, \"perhr\";r=900;t=3600")).contains(new QuotaReport(900, 3_600_000));
        assertThat(ietf("\"permin\";r=1;t=10, \"perhr\";r=900;t=3600")).contains(new QuotaReport(1, 10_000));
    }

    @Test
    void a_field_split_over_two_lines_is_one_list() {
        UpstreamResponse response = response(Map.of("RateLimit", List.of("\"permin\";r=50;t=10", "\"perhr\";r=900;t=3600")));

        assertThat(IetfRateLimit.report(response)).contains(new QuotaReport(900, 3_600_000));
    }

    @Test
    void without_a_reset_the_policys_window_stands_in_and_without_either_nothing_is_reported() {
        assertThat(IetfRateLimit.report(answer("RateLimit", "\"default\";r=10", "RateLimit-Policy", "\"default\";q=100;w=60")))
                .contains(new QuotaReport(10, 60_000));
        assertThat(ietf("\"default\";r=999")).isEmpty();
    }

    @Test
    void a_policy_counting_bytes_says_nothing_about_requests() {
        assertThat(IetfRateLimit.report(answer("RateLimit", "\"bytes\";r=300000000;t=60",
                "RateLimit-Policy", "\"bytes\";q=65535;qu=\"content-bytes\";w=60"))).isEmpty();
    }

    @Test
    void a_malformed_field_is_ignored() {
        for (String garbage : List.of("garbage;;", "\"default\";r=-1;t=5", "\"default\";r=abc;t=5", "\"default\";r=5;t=5,",
                "(\"a\" \"b\");r=1;t=5", "\"unterminated;r=5;t=5", "\"default\";R=5;t=5", "\"default\";r=5.5;t=5", ";r=5;t=5",
                "\"default\";r=9999999999999999;t=5", "")) {
            assertThat(ietf(garbage)).as(garbage).isEmpty();
        }
    }

    @Test
    void a_remaining_of_0_pauses_until_the_reset_in_either_form() {
        RateLimitSignals signals = signals(null, null, RateLimitSettings.EPOCH_SECONDS, RateLimitSettings.IETF);

        assertThat(signals.exhaustedWaitMs(answer("RateLimit", "\"default\";r=0;t=12"), NOW)).hasValue(12_000);
        assertThat(signals.exhaustedWaitMs(answer("RateLimit", "\"default\";r=3;t=12"), NOW)).isEmpty();
        assertThat(pair(RateLimitSettings.SECONDS_FROM_NOW).exhaustedWaitMs(answer("X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "12"), NOW)).hasValue(12_000);
    }

    @Test
    void the_pace_spends_what_is_left_a_gap_apart_with_the_last_half_a_gap_before_the_reset() {
        assertThat(new QuotaReport(19, 4_000).paceRps()).isEqualTo(19.5 / 4);
        assertThat(new QuotaReport(0, 4_000).paceRps()).isEqualTo(0.5 / 4);
        assertThat(new QuotaReport(5, 0).paceRps()).isInfinite();
    }

    private static Optional<QuotaReport> ietf(String field) {
        return IetfRateLimit.report(answer("RateLimit", field));
    }

    private static RateLimitSignals pair(String resetFormat) {
        return signals("X-RateLimit-Remaining", "X-RateLimit-Reset", resetFormat, RateLimitSettings.PAIR);
    }

    static RateLimitSignals signals(String remaining, String reset, String resetFormat, String headers) {
        return new RateLimitSignals(new RateLimitSettings(remaining, reset, resetFormat, "X-RateLimit-Resource", "core", null, 60_000,
                3_600_000, 0, headers, true));
    }

    static UpstreamResponse answer(String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return response(map);
    }

    private static UpstreamResponse response(Map<String, List<String>> headers) {
        return new UpstreamResponse(200, headers, new byte[0], URI.create("http://127.0.0.1/"));
    }
}
