package dev.integrator.chain.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.OperationSpec;
import dev.integrator.chain.Operations;
import dev.integrator.contract.Parameter;
import dev.integrator.http.FormEncoder;
import dev.integrator.http.PathTemplate;
import dev.integrator.http.UpstreamRequest;
import dev.integrator.json.Json;
import dev.integrator.observe.ChainMetrics;
import dev.integrator.observe.OperationMeters;
import dev.integrator.provider.ProviderConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First link: checks the caller's parameters against the contract and builds the one upstream request. A bad
 * request ends here with INVALID_REQUEST: no budget spent, no HTTP call, no retry. Only the provider's declared
 * headers go out; nothing from the Camel message is copied.
 */
public final class RequestStep implements Processor {

    public static final String CORRELATION_HEADER = "integratorCorrelationId";
    /**
     * A caller's idempotency key for the call, sent under the provider's {@code idempotencyHeader}; a provider without
     * one takes no key, and the header is not sent. Built into the one request, so every retry of the call repeats it.
     */
    public static final String IDEMPOTENCY_KEY_HEADER = "integratorIdempotencyKey";
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Operations operations;
    private final Map<String, OperationMeters> meters = new HashMap<>();

    public RequestStep(Operations operations, ChainMetrics metrics) {
        this.operations = operations;
        operations.all().forEach(op -> meters.put(op.id(), metrics.operation(op.provider().config().provider(), op.id())));
    }

    @Override
    public void process(Exchange exchange) {
        OperationSpec spec = operations.get(exchange.getFromRouteId());
        String correlationId = correlationId(exchange.getMessage().getHeader(CORRELATION_HEADER, String.class));
        CallContext call = CallContext.start(exchange, spec, meters.get(spec.id()), correlationId);
        Map<String, Object> params = params(exchange.getMessage().getBody());
        String callerKey = IdempotencyKeys.callerKey(spec, params,
                exchange.getMessage().getHeader(IDEMPOTENCY_KEY_HEADER, String.class));
        rejectOversized(params, spec.provider().config().maxRequestBytes());
        rejectLineBreaks(spec, params);
        ObjectNode valid = spec.contract().validateRequest(params);
        String key = IdempotencyKeys.of(spec, callerKey, call.correlationId());
        call.requestBuilt(valid, build(spec, valid, call.correlationId(), key));
    }

    /**
     * The caller's correlation id when it is one we can pass on (a header value, a log field); a new one when there is
     * none. One that breaks the rule is replaced by a name derived from it, not a random one: a queue message keeps
     * its id on redelivery, and the idempotency key derived from the correlation id must stay the same too.
     */
    static String correlationId(String given) {
        if (given == null) {
            return UUID.randomUUID().toString();
        }
        if (CORRELATION_ID.matcher(given).matches()) {
            return given;
        }
        return "sha256-" + IdempotencyKeys.sha256(given).substring(0, 32);
    }

    /** A copy of the caller's parameters: the request link takes the idempotency key out of it. */
    private static Map<String, Object> params(Object body) {
        if (body == null) {
            return new LinkedHashMap<>();
        }
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> params = new LinkedHashMap<>();
            map.forEach((k, v) -> params.put(String.valueOf(k), v));
            return params;
        }
        throw invalid("parameters must be a map of name to value, but was " + body.getClass().getSimpleName());
    }

    /**
     * Every way in (Integrator.call, the command line, the typed client, a ProducerTemplate, a queue message) passes
     * here, so this is the one place that bounds a request. Measured before validation, so the validator never works
     * through an oversized request: the parameters are written as JSON to a stream that only counts. The message gives
     * sizes, never the value.
     */
    static void rejectOversized(Map<String, ?> params, long maxBytes) {
        CountingStream counter = new CountingStream();
        try {
            Json.MAPPER.writeValue(counter, params);
        } catch (IOException | RuntimeException e) {
            // Not writable as JSON: the contract check reports the parameter; the size rule has nothing to say.
            return;
        }
        if (counter.count > maxBytes) {
            throw invalid("parameters are " + counter.count + " bytes as JSON, over the limit of " + maxBytes + " bytes (maxRequestBytes)");
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static void rejectLineBreaks(OperationSpec spec, Map<String, ?> params) {
        for (Parameter p : spec.contract().parameters().values()) {
            Object value = params.get(p.name());
            if (p.in() != Parameter.Location.BODY && value != null && hasLineBreak(String.valueOf(value))) {
                throw invalid("parameter '" + p.name() + "' must not contain CR or LF");
            }
        }
    }

    /**
     * The one request; the provider's declared correlation header, when it has one, carries {@code correlationId}, and
     * its idempotency header {@code idempotencyKey} (null: none).
     */
    static UpstreamRequest build(OperationSpec spec, ObjectNode valid, String correlationId, String idempotencyKey) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        StringJoiner query = new StringJoiner("&");
        ObjectNode body = Json.MAPPER.createObjectNode();
        for (Parameter p : spec.contract().parameters().values()) {
            JsonNode value = valid.get(p.name());
            if (value == null || value.isNull()) {
                continue;
            }
            switch (p.in()) {
                case PATH -> pathValues.put(p.name(), text(value));
                case QUERY -> query.add(PathTemplate.encodeSegment(p.name()) + "=" + PathTemplate.encodeSegment(text(value)));
                case BODY -> body.set(p.name(), value);
            }
        }
        String uri = spec.provider().config().baseUrl() + spec.path().expand(pathValues) + (query.length() == 0 ? "" : "?" + query);
        Map<String, String> headers = new LinkedHashMap<>(spec.provider().config().headers());
        byte[] bytes = null;
        if (!spec.contract().parametersIn(Parameter.Location.BODY).isEmpty()) {
            boolean form = ProviderConfig.FORM.equals(spec.provider().config().bodyEncoding());
            headers.put("Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
            bytes = (form ? FormEncoder.encode(body) : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        String correlationHeader = spec.provider().config().correlationHeader();
        if (correlationHeader != null && !correlationHeader.isBlank() && correlationId != null) {
            headers.put(correlationHeader, correlationId);
        }
        String idempotencyHeader = spec.provider().config().idempotencyHeader();
        if (idempotencyHeader != null && idempotencyKey != null) {
            headers.put(idempotencyHeader, idempotencyKey);
        }
        String versionHeader = spec.provider().config().versionHeader();
        if (versionHeader != null && spec.providerVersion() != null) {
            headers.put(versionHeader, spec.providerVersion());
        }
        return new UpstreamRequest(spec.method(), URI.create(uri), Map.copyOf(headers), bytes);
    }

    /** A plain scan: String.matches would compile a regular expression per parameter and call. */
    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            value.forEach(item -> joined.add(item.asText()));
            return joined.toString();
        }
        return value.asText();
    }

    private static IntegrationException invalid(String message) {
        return IntegrationException.of(ErrorCode.INVALID_REQUEST, message).notSent().build();
    }
}
