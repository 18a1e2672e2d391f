package dev.integrator.webhook.verify;

import static dev.integrator.webhook.verify.Deliveries.NOW;
import static dev.integrator.webhook.verify.Deliveries.TOLERANCE;
import static dev.integrator.webhook.verify.Deliveries.flipped;
import static dev.integrator.webhook.verify.Deliveries.received;
import static dev.integrator.webhook.verify.Deliveries.receivedAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.integrator.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}): signatures
 * made by the specification's own Java library, com.standardwebhooks:standardwebhooks 1.2.0, verify with ours.
 */
class StandardSignatureTest {

    private static final SignatureScheme STANDARD = SignatureSchemes.of("standard");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String BODY = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_1\"}}";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long T = NOW.getEpochSecond();

    private static String sign(String secret, String id, long ts, String body) throws Exception {
        return new Webhook(secret).sign(id, ts, body);
    }

    private static Verdict verify(String id, long ts, String signature) {
        return STANDARD.verify(received(BODY, "webhook-id", id, "webhook-timestamp", Long.toString(ts),
                "webhook-signature", signature),
                List.of(SECRET), TOLERANCE);
    }

    @Test
    void a_signature_made_by_the_standard_webhooks_library_is_valid() throws Exception {
        String signature = sign(SECRET, ID, T, BODY);

        assertThat(signature).startsWith("v1,");
        assertThat(verify(ID, T, signature)).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_wrong_secret_is_a_bad_signature() throws Exception {
        assertThat(verify(ID, T, sign(OTHER, ID, T, BODY))).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_missing_id_timestamp_or_signature_is_a_bad_signature() throws Exception {
        String signature = sign(SECRET, ID, T, BODY);
        String ts = Long.toString(T);
        List<Delivery> missing = List.of(
                received(BODY, "webhook-timestamp", ts, "webhook-signature", signature),
                received(BODY, "webhook-id", ID, "webhook-signature", signature),
                received(BODY, "webhook-id", ID, "webhook-timestamp", ts));

        assertThat(missing).allSatisfy(delivery ->
                assertThat(STANDARD.verify(delivery, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE));
    }

    @Test
    void during_a_rotation_any_listed_signature_and_any_secret_may_match() throws Exception {
        String both = sign(OTHER, ID, T, BODY) + " " + sign(SECRET, ID, T, BODY);

        assertThat(verify(ID, T, both)).isEqualTo(Verdict.VALID);
        Delivery byOther = received(BODY, "webhook-id", ID, "webhook-timestamp", Long.toString(T), "webhook-signature",
                sign(OTHER, ID, T, BODY));
        assertThat(STANDARD.verify(byOther, List.of(SECRET, OTHER), TOLERANCE)).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_timestamp_outside_the_window_either_way_is_stale() throws Exception {
        assertThat(verify(ID, T - 301, sign(SECRET, ID, T - 301, BODY))).isEqualTo(Verdict.STALE);
        assertThat(verify(ID, T + 301, sign(SECRET, ID, T + 301, BODY))).isEqualTo(Verdict.STALE);
        assertThat(verify(ID, T + 300, sign(SECRET, ID, T + 300, BODY))).isEqualTo(Verdict.VALID);
    }

    @Test
    void another_id_or_a_body_changed_by_one_byte_is_a_bad_signature() throws Exception {
        String signature = sign(SECRET, ID, T, BODY);

        assertThat(verify("msg_other", T, signature)).isEqualTo(Verdict.BAD_SIGNATURE);
        Delivery changed = receivedAt(NOW, flipped(BODY, 12), "webhook-id", ID, "webhook-timestamp", Long.toString(T),
                "webhook-signature", signature);
        assertThat(STANDARD.verify(changed, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void malformed_headers_and_unusable_secrets_are_bad_signatures_never_exceptions() throws Exception {
        String signature = sign(SECRET, ID, T, BODY);
        String base64 = signature.substring(3);
        List<String> malformed = List.of(
                base64,
                "v1," + base64.substring(4),
                "v1,%%%" + base64.substring(3),
                "v1a," + base64,
                (signature + " ").repeat(9),
                signature + " " + "x".repeat(3000));

        assertThat(malformed).allSatisfy(header -> assertThat(verify(ID, T, header)).as(header)
                .isEqualTo(Verdict.BAD_SIGNATURE));
        assertThat(verify("msg with spaces", T, signature)).isEqualTo(Verdict.BAD_SIGNATURE);
        Delivery good = received(BODY, "webhook-id", ID, "webhook-timestamp", Long.toString(T), "webhook-signature",
                signature);
        assertThat(STANDARD.verify(good, List.of("whsec_not*base64", "whsec_"), TOLERANCE))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void the_delivery_is_named_by_its_webhook_id_and_the_payloads_type() throws Exception {
        Delivery delivery = received(BODY, "webhook-id", ID);

        assertThat(STANDARD.identify(delivery, Json.MAPPER.readTree(BODY)))
                .isEqualTo(new DeliveryIdentity(ID, "invoice.paid"));
    }
}
