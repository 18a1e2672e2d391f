package dev.integrator.provider;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ErrorCode;
import dev.integrator.http.UpstreamResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider's way of saying that a call failed, read from its {@code errors} settings: GitHub by status, Stripe by an
 * {@code error} object whose {@code code} and {@code type} name the failure, Slack by {@code ok: false} and an error
 * string inside a 200. {@link #check} finds every problem in the settings when they load; a dialect is built from
 * settings that passed it.
 */
public final class ErrorDialect {

    private static final int MAX_TEXT = 300;
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    /** Our codes that a provider's answer may stand for; the others are decided by the chain itself. */
    private static final EnumSet<ErrorCode> ANSWER_CODES = EnumSet.of(ErrorCode.INVALID_REQUEST, ErrorCode.UNAUTHORIZED,
            ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.UNPROCESSABLE, ErrorCode.RATE_LIMITED,
            ErrorCode.UPSTREAM_ERROR, ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE);

    private final ProviderConfig.Errors settings;
    private final Map<Integer, ErrorCode> statuses = new LinkedHashMap<>();
    private final Map<String, ErrorCode> codes = new LinkedHashMap<>();

    public ErrorDialect(ProviderConfig.Errors settings) {
        this.settings = settings;
        nullToEmpty(settings.statuses()).forEach((status, code) -> statuses.put(status, ErrorCode.valueOf(code)));
        nullToEmpty(settings.codes()).forEach((name, code) -> codes.put(name, ErrorCode.valueOf(code)));
    }

    /** Adds every problem of {@code settings}, the {@code errors} of {@code file}, to {@code problems}. */
    static void check(Path file, ProviderConfig.Errors settings, List<String> problems) {
        String where = file + ": errors.";
        nullToEmpty(settings.statuses()).forEach((status, code) -> {
            if (status < 100 || status > 599) {
                problems.add(where + "statuses must have HTTP statuses (100..599) as keys, but had " + status);
            }
            code(where + "statuses." + status, code, problems);
        });
        nullToEmpty(settings.codes()).forEach((name, code) -> code(where + "codes." + name, code, problems));
        pointer(where + "messagePointer", settings.messagePointer(), problems);
        pointer(where + "detailsPointer", settings.detailsPointer(), problems);
        if (settings.codePointers() != null) {
            settings.codePointers().forEach(p -> pointer(where + "codePointers", p, problems));
        }
        boolean noPointers = settings.codePointers() == null || settings.codePointers().isEmpty();
        if (!nullToEmpty(settings.codes()).isEmpty() && noPointers) {
            problems.add(where + "codePointers must name where the provider's error code is when errors.codes is set, but was empty");
        }
        if (settings.retryCodes() != null && !settings.retryCodes().isEmpty() && noPointers) {
            problems.add(where + "codePointers must name where the provider's error code is when errors.retryCodes is set,"
                    + " but was empty");
        }
        List<String> copied = settings.detailFields() == null ? List.of() : settings.detailFields();
        List<String> strays = nullToEmpty(settings.detailRenames()).keySet().stream()
                .filter(f -> !copied.contains(f)).sorted().toList();
        if (!strays.isEmpty()) {
            problems.add(where + "detailRenames must rename fields of detailFields " + copied + ", but had "
                    + String.join(", ", strays));
        }
        ProviderConfig.ErrorWhen when = settings.errorWhen();
        if (when != null) {
            if (when.pointer() == null) {
                problems.add(where + "errorWhen.pointer must be a JSON Pointer, but was null");
            }
            pointer(where + "errorWhen.pointer", when.pointer(), problems);
            if (when.value() == null || !when.value().isValueNode()) {
                problems.add(where + "errorWhen.equals must be a JSON scalar (false, a number or a text), but was " + when.value());
            }
        }
    }

    private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static void code(String field, String value, List<String> problems) {
        if (ANSWER_CODES.stream().noneMatch(code -> code.name().equals(value))) {
            problems.add(field + " must be one of " + ANSWER_CODES + ", but was " + value);
        }
    }

    private static void pointer(String field, String value, List<String> problems) {
        if (value == null) {
            return;
        }
        try {
            JsonPointer.compile(value);
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be a JSON Pointer ('' or starting with '/'), but was " + value);
        }
    }

    /** Whether a success answer must be parsed to know whether it is one: only with {@code errorWhen}. */
    public boolean inspectsSuccess() {
        return settings.errorWhen() != null;
    }

    /** A non-2xx answer, or a success whose body says it failed. */
    public boolean isError(UpstreamResponse response, JsonNode body) {
        if (!response.isSuccess()) {
            return true;
        }
        ProviderConfig.ErrorWhen when = settings.errorWhen();
        return when != null && body.isContainerNode() && body.at(when.pointer()).equals(when.value());
    }

    /**
     * Our code: by the provider's own error code when the table knows it, else by the status; empty when neither says.
     * A provider code meaning INVALID_REQUEST is a category (Stripe answers a bad key, a missing object and a rate
     * limit all as {@code invalid_request_error}): a status with a code of its own says more, and wins.
     */
    public Optional<ErrorCode> code(int status, JsonNode body) {
        ErrorCode byStatus = statuses.get(status);
        for (String pointer : settings.codePointers() == null ? List.<String>of() : settings.codePointers()) {
            JsonNode value = body.at(pointer);
            if (value.isValueNode() && codes.containsKey(value.asText())) {
                ErrorCode byCode = codes.get(value.asText());
                return Optional.of(byCode == ErrorCode.INVALID_REQUEST && byStatus != null ? byStatus : byCode);
            }
        }
        return Optional.ofNullable(byStatus);
    }

    /** The provider's message, one line and bounded; null when it gives none. */
    public String message(JsonNode body) {
        if (settings.messagePointer() == null || !body.isContainerNode()) {
            return null;
        }
        JsonNode value = body.at(settings.messagePointer());
        return value.isTextual() ? clean(value.asText()) : null;
    }

    /**
     * The provider's details: each item of the list at {@code detailsPointer} (or the one object there), with only the
     * {@code detailFields} copied, under our names where {@code detailRenames} gives one; a bare string becomes {message}. Other keys are not copied: they may hold the data
     * that was sent.
     */
    public List<Map<String, Object>> details(JsonNode body) {
        List<Map<String, Object>> details = new ArrayList<>();
        if (settings.detailsPointer() == null || !body.isContainerNode()) {
            return details;
        }
        JsonNode found = body.at(settings.detailsPointer());
        for (JsonNode item : found.isArray() ? found : List.of(found)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (item.isTextual()) {
                detail.put("message", clean(item.asText()));
            } else {
                for (String key : settings.detailFields() == null ? List.<String>of() : settings.detailFields()) {
                    if (item.path(key).isValueNode() && !item.path(key).isNull()) {
                        String ours = nullToEmpty(settings.detailRenames()).getOrDefault(key, key);
                        detail.put(ours, clean(item.path(key).asText()));
                    }
                }
            }
            if (!detail.isEmpty()) {
                details.add(detail);
            }
        }
        return details;
    }

    /** Whether the provider's own code (at a code pointer) is one of {@code retryCodes}: worth asking again. */
    public boolean retryCode(JsonNode body) {
        List<String> retryCodes = settings.retryCodes() == null ? List.of() : settings.retryCodes();
        for (String pointer : settings.codePointers() == null ? List.<String>of() : settings.codePointers()) {
            JsonNode value = body.at(pointer);
            if (value.isValueNode() && retryCodes.contains(value.asText())) {
                return true;
            }
        }
        return false;
    }

    /** What the provider's retry header says: {@code true} or {@code false}; empty without the header or the setting. */
    public Optional<Boolean> retryAdvice(UpstreamResponse response) {
        return response.header(settings.retryHeader()).map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("true") || v.equals("false")).map(Boolean::valueOf);
    }

    private static String clean(String text) {
        String oneLine = LINE_BREAKS.matcher(text).replaceAll(" ").trim();
        return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) + "..." : oneLine;
    }
}
