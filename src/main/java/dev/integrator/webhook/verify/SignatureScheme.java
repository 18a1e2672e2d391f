package dev.integrator.webhook.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** One provider signing convention: how a delivery is verified and how it names itself. */
public interface SignatureScheme {

    String name();

    /**
     * Checks the delivery against every secret (rotation: any one may match), comparing in constant time. Malformed
     * or oversized signature headers are {@link Verdict#BAD_SIGNATURE}, never an exception. {@code tolerance} is the
     * replay window, both ways, for schemes that sign a timestamp; others ignore it.
     */
    Verdict verify(Delivery delivery, List<String> secrets, Duration tolerance);

    /**
     * After {@link Verdict#VALID}, and after the body parsed as JSON: the delivery id (dedupe key, already including
     * the hook id for GitHub) and the event type, either {@code null} where the payload does not say.
     */
    DeliveryIdentity identify(Delivery delivery, JsonNode payload);
}
