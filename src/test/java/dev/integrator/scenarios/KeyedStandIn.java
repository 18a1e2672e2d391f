package dev.integrator.scenarios;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payments provider's idempotency, as Stripe keeps it: the first request under a key creates the object and stores
 * the answer; a later request under the same key gets the stored answer and creates nothing. The first
 * {@link #slowAnswers} answers come late, after the object was made: a client that timed out does not know it exists.
 * A write without a key is refused with 400, so no test passes by leaving the key out.
 */
final class KeyedStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "keyed-stand-in";

    private final String keyHeader;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private final long slowMs;

    KeyedStandIn(String keyHeader, long slowMs) {
        this.keyHeader = keyHeader;
        this.slowMs = slowMs;
    }

    /** The next {@code count} answers come after {@code slowMs}, their objects already made. */
    void answerLate(int count) {
        slowAnswers.set(count);
    }

    /** How many objects the stand-in made. */
    int created() {
        return created.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String key = serveEvent.getRequest().getHeader(keyHeader);
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition())
                .withHeader("Content-Type", "application/json");
        if (key == null) {
            return answer.withStatus(400).withBody("{\"ok\": false, \"error\": \"idempotency_key_missing\","
                    + " \"message\": \"a write needs a key\"}").build();
        }
        String body = answers.computeIfAbsent(key, k -> """
                {"id": "pi_%d", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
                 "customer": "cus_A1", "created": 1795693200}
                """.formatted(created.incrementAndGet()));
        answer.withStatus(200).withBody(body);
        if (slowAnswers.getAndDecrement() > 0) {
            answer.withFixedDelay((int) slowMs);
        }
        return answer.build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
