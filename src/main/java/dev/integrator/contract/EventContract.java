package dev.integrator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One version of the contract of one webhook event, loaded from {@code contracts/<provider>.events.<event>.vN.yaml}:
 * the schema of the delivered payload (a tolerant reader, as for responses) and the DTO it is normalized into,
 * declared with {@code records:} and {@code mappings:} like a response contract. An event name keeps its dots
 * ({@code stripe.events.payment_intent.succeeded.v1}): the id is the file name, and the version is always last.
 */
public record EventContract(
        String id,
        String provider,
        String event,
        int version,
        String status,
        Map<String, String> provenance,
        String dto,
        Schema payload,
        JsonNode payloadDocument,
        String records,
        JsonNode mappings) {

    /** The one operation of the contract view: receiving the event, whose "response" is the delivered payload. */
    public static final String RECEIVE = "receive";

    /** The payload's problems against this version; empty when it meets it. */
    public List<Violation> validate(JsonNode payload) {
        return this.payload.validate(payload);
    }

    /**
     * The contract as DTO mappings, verify and drift samples read one: an operation {@value #RECEIVE} whose response
     * schema is the payload's, so that one mapping compiler and one reads check serve responses and events.
     */
    public Contract asContract() {
        ContractOperation receive = new ContractOperation(id, RECEIVE, "webhook " + event, dto, Map.of(), 200, null,
                payload,
                payloadDocument);
        // An event is not a request: no provider API version is sent for it.
        return new Contract(id, provider, "events", version, status, provenance, Map.of(RECEIVE, receive), records,
                mappings, null);
    }

    /** {@code <provider>.events.<event>}: what drift samples and metrics name the event by. */
    public String eventId() {
        return provider + ".events." + event;
    }
}
