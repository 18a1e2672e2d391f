package dev.integrator.webhook.verify;

import static dev.integrator.webhook.verify.Deliveries.NOW;
import static dev.integrator.webhook.verify.Deliveries.TOLERANCE;
import static dev.integrator.webhook.verify.Deliveries.flipped;
import static dev.integrator.webhook.verify.Deliveries.received;
import static dev.integrator.webhook.verify.Deliveries.receivedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.integrator.json.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stripe's {@code Stripe-Signature: t=..,v1=..}: signatures made and checked by stripe-java 33.3.0
 * ({@code Webhook.Util.computeHmacSha256}, {@code Webhook.Signature.verifyHeader}) agree with ours.
 */
class StripeSignatureTest {

    private static final SignatureScheme STRIPE = SignatureSchemes.of("stripe");
    private static final String SECRET = "whsec_test_5e5c0ffee0ddba11";
    private static final String BODY =
            "{\"id\":\"evt_1QxYz\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
    private static final String HEADER = "Stripe-Signature";
    private static final long T = NOW.getEpochSecond();
    private static final Clock STRIPE_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static String v1(String secret, long t, String body) throws Exception {
        return Webhook.Util.computeHmacSha256(secret, t + "." + body);
    }

    private static Verdict verify(String header) {
        return STRIPE.verify(received(BODY, HEADER, header), List.of(SECRET), TOLERANCE);
    }

    @Test
    void a_signature_made_by_stripe_java_is_valid_and_stripe_java_accepts_the_same_header() throws Exception {
        String header = "t=" + T + ",v1=" + v1(SECRET, T, BODY);

        assertThat(verify(header)).isEqualTo(Verdict.VALID);
        assertThat(Webhook.Signature.verifyHeader(BODY, header, SECRET, 300, STRIPE_CLOCK))
                .isTrue();
    }

    @Test
    void a_wrong_secret_is_a_bad_signature_as_stripe_java_says() throws Exception {
        String header = "t=" + T + ",v1=" + v1("whsec_someone_else", T, BODY);

        assertThat(verify(header)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(BODY, header, SECRET, 300, STRIPE_CLOCK))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void a_missing_header_is_a_bad_signature() {
        assertThat(STRIPE.verify(received(BODY), List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void during_a_rotation_any_v1_and_any_secret_may_match() throws Exception {
        String both = "t=" + T + ",v1=" + v1("whsec_old", T, BODY) + ",v1=" + v1(SECRET, T, BODY);

        assertThat(verify(both)).as("Stripe signs with the old and the new secret").isEqualTo(Verdict.VALID);
        assertThat(STRIPE.verify(received(BODY, HEADER, "t=" + T + ",v1=" + v1("whsec_old", T, BODY)),
                List.of(SECRET, "whsec_old"), TOLERANCE)).as("we hold the old and the new secret")
                        .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_timestamp_outside_the_window_either_way_is_stale_and_its_edge_is_inside() throws Exception {
        long old = T - 301;
        long future = T + 301;

        assertThat(verify("t=" + old + ",v1=" + v1(SECRET, old, BODY))).isEqualTo(Verdict.STALE);
        assertThat(verify("t=" + future + ",v1=" + v1(SECRET, future, BODY)))
                .as("stripe-java lets the future pass; we do not")
                .isEqualTo(Verdict.STALE);
        assertThat(verify("t=" + (T - 300) + ",v1=" + v1(SECRET, T - 300, BODY))).isEqualTo(Verdict.VALID);
        assertThat(verify("t=" + (T + 300) + ",v1=" + v1(SECRET, T + 300, BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_forged_signature_with_an_old_timestamp_is_a_bad_signature_not_stale() throws Exception {
        assertThat(verify("t=" + (T - 3600) + ",v1=" + v1("whsec_forger", T - 3600, BODY)))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_timestamp_changed_after_signing_or_a_body_changed_by_one_byte_is_a_bad_signature() throws Exception {
        String signature = v1(SECRET, T, BODY);

        assertThat(verify("t=" + (T + 1) + ",v1=" + signature)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(STRIPE.verify(receivedAt(NOW, flipped(BODY, 10), HEADER, "t=" + T + ",v1=" + signature),
                List.of(SECRET), TOLERANCE))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void malformed_headers_are_bad_signatures_never_exceptions() throws Exception {
        String good = v1(SECRET, T, BODY);
        List<String> malformed = List.of(
                "v1=" + good,
                "t=" + T + ",t=" + T + ",v1=" + good,
                "t=" + T + ",v1=" + good.substring(0, 63) + "g",
                "t=" + T + ",v1=" + good.substring(1),
                "t=" + T + ",v0=" + good,
                "t=" + T + "," + good,
                "t=soon,v1=" + good,
                "t=-" + T + ",v1=" + good,
                "t=99999999999999999999,v1=" + good,
                "t=" + T + (",v1=" + good).repeat(9),
                "t=" + T + ",v1=" + good + ",x=" + "y".repeat(5000),
                "",
                ",,,");

        assertThat(malformed).allSatisfy(header -> assertThat(verify(header)).as(header)
                .isEqualTo(Verdict.BAD_SIGNATURE));
    }

    @Test
    void entries_of_other_versions_beside_a_good_v1_are_ignored_as_stripe_java_does() throws Exception {
        String header = "t=" + T + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39,v1="
                + v1(SECRET, T, BODY);

        assertThat(verify(header)).isEqualTo(Verdict.VALID);
        assertThat(Webhook.Signature.verifyHeader(BODY, header, SECRET, 300, STRIPE_CLOCK))
                .isTrue();
    }

    @Test
    void the_event_names_itself_by_its_id_and_type() throws Exception {
        JsonNode payload = Json.MAPPER.readTree(BODY);

        assertThat(STRIPE.identify(received(BODY), payload))
                .isEqualTo(new DeliveryIdentity("evt_1QxYz", "payment_intent.succeeded"));
        assertThat(STRIPE.identify(received("{}"), Json.MAPPER.readTree("{\"id\": 7}")))
                .isEqualTo(new DeliveryIdentity(null, null));
    }
}
