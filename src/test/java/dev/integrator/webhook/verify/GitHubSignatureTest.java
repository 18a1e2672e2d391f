package dev.integrator.webhook.verify;

import static dev.integrator.webhook.verify.Deliveries.NOW;
import static dev.integrator.webhook.verify.Deliveries.TOLERANCE;
import static dev.integrator.webhook.verify.Deliveries.flipped;
import static dev.integrator.webhook.verify.Deliveries.hmacHex;
import static dev.integrator.webhook.verify.Deliveries.received;
import static dev.integrator.webhook.verify.Deliveries.receivedAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitHub's {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body, hex, no timestamp. */
class GitHubSignatureTest {

    private static final SignatureScheme GITHUB = SignatureSchemes.of("github");
    private static final String SECRET = "gh-secret-2026";
    private static final String BODY = "{\"action\":\"opened\",\"issue\":{\"number\":7}}";
    private static final String HEADER = "X-Hub-Signature-256";

    @Test
    void githubs_documented_example_verifies() {
        // GitHub's documentation example, also what @octokit/webhooks-methods 6.0.0 sign() gives for it.
        Delivery delivery = received("Hello, World!",
                HEADER, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");

        assertThat(GITHUB.verify(delivery, List.of("It's a Secret to Everybody"), TOLERANCE)).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_good_signature_is_valid_and_header_names_are_case_insensitive() {
        assertThat(GITHUB.verify(received(BODY, "x-hub-signature-256", "sha256=" + hmacHex(SECRET, BODY)),
                List.of(SECRET), TOLERANCE))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_wrong_secret_or_no_secret_at_all_is_a_bad_signature() {
        Delivery delivery = received(BODY, HEADER, "sha256=" + hmacHex("someone-else", BODY));

        assertThat(GITHUB.verify(delivery, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(GITHUB.verify(received(BODY, HEADER, "sha256=" + hmacHex(SECRET, BODY)), List.of(), TOLERANCE))
                .as("no secret configured").isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_missing_signature_is_a_bad_signature() {
        assertThat(GITHUB.verify(received(BODY, "X-Hub-Signature", "sha1=0000"), List.of(SECRET), TOLERANCE))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void during_a_rotation_either_secret_verifies() {
        Delivery signedWithOld = received(BODY, HEADER, "sha256=" + hmacHex("old-secret", BODY));

        assertThat(GITHUB.verify(signedWithOld, List.of("new-secret", "old-secret"), TOLERANCE))
                .isEqualTo(Verdict.VALID);
        assertThat(GITHUB.verify(signedWithOld, List.of("new-secret"), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_body_changed_by_one_byte_is_a_bad_signature() {
        Delivery changed = receivedAt(NOW, flipped(BODY, 20), HEADER, "sha256=" + hmacHex(SECRET, BODY));

        assertThat(GITHUB.verify(changed, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void no_timestamp_is_signed_so_an_old_delivery_is_left_to_dedupe() {
        Delivery late = receivedAt(NOW.plus(Duration.ofDays(3)), BODY.getBytes(StandardCharsets.UTF_8),
                HEADER, "sha256=" + hmacHex(SECRET, BODY));

        assertThat(GITHUB.verify(late, List.of(SECRET), TOLERANCE)).isEqualTo(Verdict.VALID);
    }

    @Test
    void malformed_headers_are_bad_signatures_never_exceptions() {
        String good = hmacHex(SECRET, BODY);
        List<Delivery> malformed = List.of(
                received(BODY, HEADER, good),
                received(BODY, HEADER, "sha1=" + good),
                received(BODY, HEADER, "sha256=" + good.substring(2)),
                received(BODY, HEADER, "sha256=" + good.substring(2) + "zz"),
                received(BODY, HEADER, "sha256="),
                received(BODY, HEADER, "sha256=" + good + good),
                received(BODY, HEADER, "sha256=" + good + "0".repeat(10_000)),
                received(BODY, HEADER, "sha256=" + good, HEADER, "sha256=" + good));

        assertThat(malformed).allSatisfy(delivery ->
                assertThat(GITHUB.verify(delivery, List.of(SECRET), TOLERANCE)).as("%s", delivery.headers())
                        .isEqualTo(Verdict.BAD_SIGNATURE));
    }

    @Test
    void the_delivery_id_joins_the_hook_id_and_the_delivery_as_one_delivery_reaches_several_hooks() {
        Delivery delivery = received(BODY, "X-GitHub-Hook-ID", "292430182", "X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event", "issues");

        assertThat(GITHUB.identify(delivery, JsonNodeFactory.instance.objectNode()))
                .isEqualTo(new DeliveryIdentity("292430182:72d3162e-cc78-11e3-81ab-4c9367dc0958", "issues"));
        assertThat(GITHUB.identify(received(BODY, "X-GitHub-Delivery", "72d3162e", "X-GitHub-Event", "ping"), null))
                .as("without the hook id there is no stable key").isEqualTo(new DeliveryIdentity(null, "ping"));
    }
}
