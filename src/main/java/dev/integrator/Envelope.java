package dev.integrator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The result of one call, as {@code call}, queue replies and logs show it:
 * {@code {"ok":true,"data":...,"meta":...}} or {@code {"ok":false,"error":...,"meta":...}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ok", "data", "error", "meta"})
public record Envelope(boolean ok, Object data, Error error, Meta meta) {

    public static Envelope success(Object data, Meta meta) {
        return new Envelope(true, data, null, meta);
    }

    public static Envelope failure(Error error, Meta meta) {
        return new Envelope(false, null, error, meta);
    }

    /** The error half of the envelope; {@code status}, {@code retryAfterMs} and {@code details} are optional. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"code", "message", "retryable", "status", "retryAfterMs", "details"})
    public record Error(
            ErrorCode code,
            String message,
            boolean retryable,
            Integer status,
            Long retryAfterMs,
            List<Map<String, Object>> details) {
    }
}
