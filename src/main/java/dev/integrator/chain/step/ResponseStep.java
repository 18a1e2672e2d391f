package dev.integrator.chain.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.contract.Violation;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.json.Json;
import dev.integrator.redact.Redactor;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Response validation: parses the body once and checks it against the contract version. A body that breaks the
 * contract is drift: CONTRACT_VIOLATION with the schema errors (paths and rules, never values), and the drift
 * recorder counts it and keeps a redacted sample. The parsed tree becomes the body, so normalization reuses it.
 */
public final class ResponseStep implements Processor {

    /** Stands for a body that is not JSON in the sample, where a fixture made from it needs a detail to expect. */
    private static final Violation NOT_JSON = new Violation("", "json", "response body is not JSON");

    private final DriftRecorder drift;
    private final Redactor redactor;

    /** {@code redactor}: a body that echoes a configured credential has it masked before anything reads the data. */
    public ResponseStep(DriftRecorder drift, Redactor redactor) {
        this.drift = drift;
        this.redactor = redactor;
    }

    @Override
    public void process(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        if (s.response().status() != s.spec().contract().successStatus()) {
            Violation status = new Violation("", "status", "status " + s.response().status() + " where the contract expects "
                    + s.spec().contract().successStatus());
            record(s, null, List.of(status));
            throw violation(s, status.message(), List.of(status));
        }
        JsonNode tree;
        try {
            tree = s.response().body().length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(s.response().body());
        } catch (IOException e) {
            record(s, null, List.of(NOT_JSON));
            throw violation(s, NOT_JSON.message(), List.of());
        }
        List<Violation> violations = s.spec().contract().validateResponse(tree);
        if (!violations.isEmpty()) {
            record(s, tree, violations);
            throw violation(s, violations.stream().map(v -> v.path() + " " + v.rule()).collect(Collectors.joining(", ")), violations);
        }
        exchange.getMessage().setBody(redactor.mayHoldSecret(s.response().body()) ? redactor.maskSecretsIn(tree) : tree);
    }

    private void record(CallContext s, JsonNode body, List<Violation> violations) {
        drift.record(new DriftRecorder.Drift(s.spec().provider().config().provider(), s.spec().id(), s.spec().contract(), s.params(),
                s.response(), body, violations));
    }

    private static IntegrationException violation(CallContext s, String what, List<Violation> violations) {
        return IntegrationException.of(ErrorCode.CONTRACT_VIOLATION,
                        "response breaks contract " + s.spec().contractId() + " operation " + s.spec().contract().name() + ": " + what)
                .status(s.response().status())
                .details(violations.stream().map(Violation::asDetail).toList())
                .build();
    }
}
