package dev.integrator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.redact.Redactor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception type of integrator: a typed error code plus everything the envelope needs.
 * Thrown by the direct endpoints and by the typed clients.
 */
public class IntegrationException extends RuntimeException {

    private static final TypeReference<List<Map<String, Object>>> DETAILS = new TypeReference<>() {
    };

    private final ErrorCode code;
    private final boolean retryable;
    private final Integer status;
    private final Long retryAfterMs;
    private final List<Map<String, Object>> details;
    private final boolean requestSent;
    private final boolean outage;
    private volatile Meta meta;

    private IntegrationException(Builder b) {
        super(b.message, null, false, false);
        this.code = b.code;
        this.retryable = b.retryable;
        this.status = b.status;
        this.retryAfterMs = b.retryAfterMs;
        this.details = b.details == null ? List.of() : List.copyOf(b.details);
        this.requestSent = b.requestSent;
        this.outage = b.outage;
    }

    public static Builder of(ErrorCode code, String message) {
        return new Builder(code, message);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public Integer status() {
        return status;
    }

    public Long retryAfterMs() {
        return retryAfterMs;
    }

    public List<Map<String, Object>> details() {
        return details;
    }

    /** False only when the request provably never reached the provider (connection refused). */
    public boolean requestSent() {
        return requestSent;
    }

    /**
     * True when what happened says the provider is unwell: a 5xx answer, a connection that failed, a sent request
     * that got no answer in time. Only these count against a circuit breaker; an answer we cannot use (an unexpected
     * 4xx, a refused redirect, a body over the limit) shows the provider is up, whatever its code.
     */
    public boolean outage() {
        return outage;
    }

    public Meta meta() {
        return meta;
    }

    /** Attached once by the chain when the call ends, so the exception carries the whole envelope. */
    public IntegrationException withMeta(Meta meta) {
        this.meta = meta;
        return this;
    }

    /**
     * This error with secrets masked in its message and details (provider text can echo a credential back):
     * itself when there is nothing to mask, else a copy with the same code, status and meta.
     */
    public IntegrationException redacted(Redactor redactor) {
        String message = redactor.inline(getMessage());
        JsonNode tree = details.isEmpty() ? null : Json.MAPPER.valueToTree(details);
        JsonNode maskedTree = tree == null ? null : redactor.json(tree);
        boolean detailsMasked = tree != null && !maskedTree.equals(tree);
        if (Objects.equals(message, getMessage()) && !detailsMasked) {
            return this;
        }
        List<Map<String, Object>> masked = detailsMasked ? Json.MAPPER.convertValue(maskedTree, DETAILS) : details;
        IntegrationException copy = new Builder(code, message).retryable(retryable).status(status).retryAfterMs(retryAfterMs)
                .details(masked).sent(requestSent).outage(outage).build();
        return copy.withMeta(meta);
    }

    public Envelope envelope() {
        return Envelope.failure(
                new Envelope.Error(code, getMessage(), retryable, status, retryAfterMs, details.isEmpty() ? null : details),
                meta);
    }

    @Override
    public String toString() {
        return "IntegrationException[" + code + (status == null ? "" : " " + status) + "]: " + getMessage();
    }

    public static final class Builder {
        private final ErrorCode code;
        private final String message;
        private boolean retryable;
        private Integer status;
        private Long retryAfterMs;
        private List<Map<String, Object>> details;
        private boolean requestSent = true;
        private boolean outage;

        private Builder(ErrorCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        public Builder status(Integer status) {
            this.status = status;
            return this;
        }

        public Builder retryAfterMs(Long retryAfterMs) {
            this.retryAfterMs = retryAfterMs;
            return this;
        }

        public Builder details(List<Map<String, Object>> details) {
            this.details = details;
            return this;
        }

        public Builder notSent() {
            return sent(false);
        }

        /** Marks a failure that shows the provider unwell (see {@link IntegrationException#outage()}). */
        public Builder outage() {
            return outage(true);
        }

        private Builder outage(boolean outage) {
            this.outage = outage;
            return this;
        }

        private Builder sent(boolean sent) {
            this.requestSent = sent;
            return this;
        }

        public IntegrationException build() {
            return new IntegrationException(this);
        }
    }
}
