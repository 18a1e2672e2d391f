package dev.integrator.webhook.verify;

import static dev.integrator.webhook.verify.Deliveries.NOW;
import static dev.integrator.webhook.verify.Deliveries.TOLERANCE;
import static dev.integrator.webhook.verify.Deliveries.flipped;
import static dev.integrator.webhook.verify.Deliveries.hmacHex;
import static dev.integrator.webhook.verify.Deliveries.received;
import static dev.integrator.webhook.verify.Deliveries.receivedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack's {@code X-Slack-Signature: v0=<hex>} over {@code v0:<X-Slack-Request-Timestamp>:<body>}. */
class SlackSignatureTest {

    private static final SignatureScheme SLACK = SignatureSchemes.of("slack");
    private static final String SECRET = "8f742231b10e8888abcd99edabcd00d1";
    private static final String BODY = "{\"type\":\"event_callback\",\"event_id\":\"Ev08MFMKH6\","
            + "\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"}}";
    private static final String SIGNATURE = "X-Slack-Signature";
    private static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final long T = NOW.getEpochSecond();

    private static String v0(String secret, long ts, String body) {
        return "v0=" + hmacHex(secret, "v0:" + ts + ":" + body);
    }

    private static Verdict verify(long ts, String signature) {
        return SLACK.verify(received(BODY, TIMESTAMP, Long.toString(ts), SIGNATURE, signature), List.of(SECRET),
                TOLERANCE);
    }

    @Test
    void a_good_signature_is_valid() {
        assertThat(verify(T, v0(SECRET, T, BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_wrong_secret_is_a_bad_signature() {
        assertThat(verify(T, v0("another-app", T, BODY))).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_missing_signature_or_timestamp_is_a_bad_signature() {
        assertThat(SLACK.verify(received(BODY, TIMESTAMP, Long.toString(T)), List.of(SECRET), TOLERANCE))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(SLACK.verify(received(BODY, SIGNATURE, v0(SECRET, T, BODY)), List.of(SECRET), TOLERANCE))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void during_a_rotation_the_second_secret_verifies() {
        Delivery delivery = received(BODY, TIMESTAMP, Long.toString(T), SIGNATURE, v0("previous-secret", T, BODY));

        assertThat(SLACK.verify(delivery, List.of(SECRET, "previous-secret"), TOLERANCE)).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_timestamp_outside_the_window_either_way_is_stale() {
        assertThat(verify(T - 301, v0(SECRET, T - 301, BODY))).isEqualTo(Verdict.STALE);
        assertThat(verify(T + 301, v0(SECRET, T + 301, BODY))).isEqualTo(Verdict.STALE);
        assertThat(verify(T - 300, v0(SECRET, T - 300, BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_timestamp_other_than_the_signed_one_or_a_body_changed_by_one_byte_is_a_bad_signature() {
        assertThat(verify(T, v0(SECRET, T - 1, BODY))).isEqualTo(Verdict.BAD_SIGNATURE);
        Delivery changed = receivedAt(NOW, flipped(BODY, 30), TIMESTAMP, Long.toString(T),
                SIGNATURE, v0(SECRET, T, BODY));
        assertThat(SLACK.verify(changed, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void malformed_headers_are_bad_signatures_never_exceptions() {
        String good = v0(SECRET, T, BODY);
        String ts = Long.toString(T);
        List<Delivery> malformed = List.of(
                received(BODY, TIMESTAMP, ts, SIGNATURE, good.substring(3)),
                received(BODY, TIMESTAMP, ts, SIGNATURE, "v1=" + good.substring(3)),
                received(BODY, TIMESTAMP, ts, SIGNATURE, good.substring(0, 66) + "xy"),
                received(BODY, TIMESTAMP, ts, SIGNATURE, good + "00"),
                received(BODY, TIMESTAMP, ts, SIGNATURE, good + " ".repeat(3000) + "0"),
                received(BODY, TIMESTAMP, "soon", SIGNATURE, good),
                received(BODY, TIMESTAMP, ts + ".5", SIGNATURE, good),
                received(BODY, TIMESTAMP, ts, TIMESTAMP, ts, SIGNATURE, good),
                received(BODY, TIMESTAMP, ts, SIGNATURE, good, SIGNATURE, good));

        assertThat(malformed).allSatisfy(delivery ->
                assertThat(SLACK.verify(delivery, List.of(SECRET), TOLERANCE)).as("%s", delivery.headers())
                        .isEqualTo(Verdict.BAD_SIGNATURE));
    }

    @Test
    void an_event_callback_is_named_by_its_event_id_and_inner_type_and_a_retry_carries_the_same_id() throws Exception {
        Delivery retry = received(BODY, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout");

        assertThat(SLACK.identify(received(BODY), Json.MAPPER.readTree(BODY)))
                .isEqualTo(new DeliveryIdentity("Ev08MFMKH6", "app_mention"))
                .isEqualTo(SLACK.identify(retry, Json.MAPPER.readTree(BODY)));
    }

    @Test
    void the_url_verification_challenge_has_its_own_event_type_and_no_delivery_id() throws Exception {
        String challenge = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\","
                + "\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";

        assertThat(SLACK.identify(received(challenge), Json.MAPPER.readTree(challenge)))
                .isEqualTo(new DeliveryIdentity(null, "url_verification"));
    }
}
