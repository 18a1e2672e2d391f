package dev.integrator.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One schema error: where (a JSON Pointer into the validated document), which rule, and the validator's
 * message. Values of the document are never copied into it, so it is safe to log and to return.
 */
public record Violation(String path, String rule, String message) {

    public Map<String, Object> asDetail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("path", path);
        detail.put("rule", rule);
        detail.put("message", message);
        return detail;
    }
}
