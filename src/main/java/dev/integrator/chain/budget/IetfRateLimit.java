package dev.integrator.chain.budget;

import dev.integrator.http.UpstreamResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The IETF rate-limit fields (draft-ietf-httpapi-ratelimit-headers-10): {@code RateLimit: "policy";r=R;t=S}, the
 * remaining quota units of each policy and the seconds until more are made available, and
 * {@code RateLimit-Policy: "policy";q=Q;w=W}, each policy's quota and window. An item without {@code t} is renewed
 * at the latest a window {@code w} from now, so its policy's window stands in; an item that has neither, or whose
 * policy counts other units than requests ({@code qu}), says nothing about the pace of requests. Of several
 * policies the one leaving the slowest pace is reported. Malformed fields are ignored, as the draft requires.
 */
final class IetfRateLimit {

    static final String FIELD = "RateLimit";
    static final String POLICY_FIELD = "RateLimit-Policy";

    /** sf-integer as the draft uses it: non-negative, at most 15 digits. */
    private static final Pattern COUNT = Pattern.compile("\\d{1,15}");

    private IetfRateLimit() {
    }

    static Optional<QuotaReport> report(UpstreamResponse response) {
        Optional<List<StructuredList.Item>> limits = field(response, FIELD);
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        Map<String, StructuredList.Item> policies = field(response, POLICY_FIELD).orElse(List.of()).stream()
                .collect(Collectors.toMap(StructuredList.Item::value, p -> p, (first, second) -> first));
        return limits.get().stream()
                .map(item -> report(item, policies.get(item.value())))
                .flatMap(Optional::stream)
                .min(Comparator.comparingDouble(QuotaReport::paceRps));
    }

    private static Optional<QuotaReport> report(StructuredList.Item limit, StructuredList.Item policy) {
        OptionalLong remaining = count(limit.params().get("r"));
        if (remaining.isEmpty() || policy != null && policy.params().containsKey("qu") && !policy.params().get("qu").equals("requests")) {
            return Optional.empty();
        }
        OptionalLong seconds = count(limit.params().get("t"));
        if (seconds.isEmpty() && policy != null) {
            seconds = count(policy.params().get("w"));
        }
        return seconds.isEmpty() ? Optional.empty() : Optional.of(new QuotaReport(remaining.getAsLong(), seconds.getAsLong() * 1000));
    }

    /** Every line of the field as one List, as RFC 8941 joins them. */
    private static Optional<List<StructuredList.Item>> field(UpstreamResponse response, String name) {
        List<String> lines = response.headers().get(name);
        return lines == null || lines.isEmpty() ? Optional.empty() : StructuredList.parse(String.join(", ", lines));
    }

    private static OptionalLong count(String value) {
        return value != null && COUNT.matcher(value).matches() ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }
}
