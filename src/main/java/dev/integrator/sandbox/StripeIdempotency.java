package dev.integrator.sandbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Idempotency keys as Stripe keeps them: the first answer to a key is stored (a 500 included) and replayed to every
 * later request with that key and the same parameters; other parameters are {@code idempotency_error}; a key whose
 * first request still runs is 409 {@code idempotency_key_in_use}; nothing is stored when the parameters are refused
 * (a 400 {@code invalid_request_error}), so the caller may fix them and use the key again.
 */
final class StripeIdempotency {

    /** An answer, whether it is a replay, and how long to hold it before sending (a slow network, after the work). */
    record Outcome(StripeAnswer answer, boolean replayed, long delayMs) {
        static Outcome of(StripeAnswer answer) {
            return new Outcome(answer, false, 0);
        }
    }

    private record Stored(String request, FormParams params, StripeAnswer answer) {
    }

    private final Map<String, Stored> stored = new HashMap<>();
    private final Set<String> running = new HashSet<>();

    Outcome run(String key, String request, FormParams params, Supplier<Outcome> work) {
        synchronized (this) {
            Stored first = stored.get(key);
            if (first != null) {
                return first.request().equals(request) && first.params().equals(params)
                        ? new Outcome(first.answer(), true, 0)
                        : Outcome.of(StripeAnswer.error(400, "idempotency_error", null, null,
                                "Keys for idempotent requests can only be used with the same parameters they were first"
                                        + " used with. Try using a key other than '" + key
                                        + "' if you meant to execute a different request."));
            }
            if (!running.add(key)) {
                return Outcome.of(StripeAnswer.error(409, "invalid_request_error", "idempotency_key_in_use", null,
                        "There is currently another in-progress request using this Idempotent Key (that probably"
                                + " means you submitted twice, and the other request is still going through): " + key
                                + ". Please try again later."));
            }
        }
        Outcome outcome = null;
        try {
            outcome = work.get();
            return outcome;
        } finally {
            synchronized (this) {
                running.remove(key);
                if (outcome != null && !refused(outcome.answer())) {
                    stored.put(key, new Stored(request, params, outcome.answer()));
                }
            }
        }
    }

    private static boolean refused(StripeAnswer answer) {
        return answer.status() == 400
                && answer.body().path("error").path("type").asText().equals("invalid_request_error");
    }
}
