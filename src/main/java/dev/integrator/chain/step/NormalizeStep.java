package dev.integrator.chain.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.chain.CallContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Normalization: the validated tree becomes the operation's stable DTO. */
public final class NormalizeStep implements Processor {

    @Override
    public void process(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        JsonNode tree = exchange.getMessage().getBody(JsonNode.class);
        exchange.getMessage().setBody(s.spec().mapping().normalizer().normalize(tree, s.response()));
    }
}
