package dev.integrator.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.OperationId;
import dev.integrator.chain.budget.RateLimitSettings;
import dev.integrator.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Loads {@code routes/defaults.yaml} merged under each {@code routes/<provider>/provider.yaml}, then the
 * caller's overrides, and checks every value once.
 */
public final class ProviderLoader {

    public static final String FILE_NAME = "provider.yaml";
    /** Override key that applies to every provider (before the provider's own override). */
    public static final String ALL = "*";
    /** A rate-limit resource name, in the settings and in route files. */
    public static final String RESOURCE = "[A-Za-z0-9_.-]+";
    /** The defaults of a {@code webhooks} block: merged under a provider's block, never bound themselves. */
    static final String WEBHOOK_DEFAULTS = "webhookDefaults";
    /** The defaults of an {@code auth.oauth} block, merged under it as the webhook defaults are. */
    static final String OAUTH_DEFAULTS = "oauthDefaults";

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

    private ProviderLoader() {
    }

    /** Adds every problem to {@code problems} and returns the providers whose settings are valid. */
    public static Map<String, ProviderConfig> loadAll(Path routesDir, Map<String, String> env, Map<String, JsonNode> overrides,
            List<String> problems) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        JsonNode defaults = read(routesDir.resolve("defaults.yaml"), problems);
        try (Stream<Path> dirs = Files.list(routesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path file = dir.resolve(FILE_NAME);
                if (!Files.exists(file)) {
                    problems.add(dir + ": missing " + FILE_NAME);
                    continue;
                }
                JsonNode own = read(file, problems);
                if (own == null || defaults == null) {
                    continue;
                }
                ObjectNode merged = defaults.deepCopy();
                merge(merged, own);
                String name = dir.getFileName().toString();
                if (overrides.containsKey(ALL)) {
                    merge(merged, overrides.get(ALL));
                }
                if (overrides.containsKey(name)) {
                    merge(merged, overrides.get(name));
                }
                ProviderConfig config = bind(file, merged, env, problems);
                if (config != null) {
                    if (!name.equals(config.provider())) {
                        problems.add(file + ": provider '" + config.provider() + "' must match its folder '" + name + "'");
                    }
                    providers.put(name, config);
                }
            }
        } catch (IOException e) {
            problems.add(routesDir + ": cannot list providers: " + e.getMessage());
        }
        return providers;
    }

    private static JsonNode read(Path file, List<String> problems) {
        try {
            JsonNode node = Json.YAML.readTree(file.toFile());
            if (!(node instanceof ObjectNode)) {
                problems.add(file + ": must be a YAML mapping");
                return null;
            }
            return node;
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return null;
        }
    }

    private static ProviderConfig bind(Path file, ObjectNode merged, Map<String, String> env, List<String> problems) {
        // webhooks: null (the default) means no ingress, so its defaults cannot sit in that block itself.
        JsonNode webhookDefaults = merged.remove(WEBHOOK_DEFAULTS);
        if (merged.get("webhooks") instanceof ObjectNode webhooks && webhookDefaults instanceof ObjectNode defaults) {
            ObjectNode full = defaults.deepCopy();
            merge(full, webhooks);
            merged.set("webhooks", full);
        }
        JsonNode oauthDefaults = merged.remove(OAUTH_DEFAULTS);
        if (merged.get("auth") instanceof ObjectNode auth && auth.get("oauth") instanceof ObjectNode oauth
                && oauthDefaults instanceof ObjectNode defaults) {
            ObjectNode full = defaults.deepCopy();
            merge(full, oauth);
            auth.set("oauth", full);
        }
        ProviderConfig c;
        try {
            c = Json.YAML.treeToValue(merged, ProviderConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(file + ": " + e.getOriginalMessage());
            return null;
        }
        boolean baseUrlFromEnv = c.baseUrlEnv() != null && env.get(c.baseUrlEnv()) != null && !env.get(c.baseUrlEnv()).isBlank();
        String baseUrl = baseUrlFromEnv ? env.get(c.baseUrlEnv()) : c.baseUrl();
        int before = problems.size();
        check(problems, file, c.provider() != null && c.provider().matches(OperationId.PROVIDER), "provider", "a lower-case id", c.provider());
        check(problems, file, c.auth() != null && c.auth().scheme() != null && c.auth().scheme().matches("[A-Za-z][A-Za-z0-9-]*"),
                "auth.scheme", "an HTTP authentication scheme such as Bearer", c.auth() == null ? null : c.auth().scheme());
        ProviderConfig.Auth auth = AuthCheck.bind(file, c, env, problems);
        check(problems, file, isHttpUrl(baseUrl), "baseUrl", "an absolute http or https URL", baseUrl);
        check(problems, file, !isHttpUrl(baseUrl) || isEncryptedOrLocal(baseUrl) || c.allowInsecureHttp(),
                baseUrlFromEnv ? "baseUrl (" + c.baseUrlEnv() + ")" : "baseUrl",
                "https, or http to a loopback host (127.0.0.0/8, ::1, localhost) unless allowInsecureHttp is true", baseUrl);
        // Each chain link checks its own settings record.
        Stream.of(c.timeouts().problems(), c.budget().problems(), c.retry().problems(), c.breaker().problems())
                .flatMap(List::stream).forEach(problem -> problems.add(file + ": " + problem));
        check(problems, file, c.rateLimit().coreResource() != null && c.rateLimit().coreResource().matches(RESOURCE),
                "rateLimit.coreResource", "a resource name (" + RESOURCE + ")", c.rateLimit().coreResource());
        check(problems, file, c.rateLimit().maxPauseMs() > 0, "rateLimit.maxPauseMs", "> 0", c.rateLimit().maxPauseMs());
        check(problems, file, c.rateLimit().defaultWaitMs() >= 0 && c.rateLimit().defaultWaitMs() <= c.rateLimit().maxPauseMs(),
                "rateLimit.defaultWaitMs", "between 0 and rateLimit.maxPauseMs", c.rateLimit().defaultWaitMs());
        check(problems, file, c.rateLimit().pauseJitterMs() >= 0, "rateLimit.pauseJitterMs", ">= 0", c.rateLimit().pauseJitterMs());
        check(problems, file, c.maxResponseBytes() > 0, "maxResponseBytes", "> 0", c.maxResponseBytes());
        check(problems, file, c.maxRequestBytes() > 0, "maxRequestBytes", "> 0", c.maxRequestBytes());
        check(problems, file, RateLimitSettings.RESET_FORMATS.contains(c.rateLimit().resetFormat()), "rateLimit.resetFormat", "one of " + RateLimitSettings.RESET_FORMATS,
                c.rateLimit().resetFormat());
        check(problems, file, RateLimitSettings.HEADERS.contains(c.rateLimit().headers()), "rateLimit.headers", "one of " + RateLimitSettings.HEADERS,
                c.rateLimit().headers());
        check(problems, file, !RateLimitSettings.IETF.equals(c.rateLimit().headers()) || c.rateLimit().remainingHeader() == null
                && c.rateLimit().resetHeader() == null, "rateLimit.remainingHeader and resetHeader", "null with rateLimit.headers ietf",
                c.rateLimit().remainingHeader() + ", " + c.rateLimit().resetHeader());
        check(problems, file, List.of(ProviderConfig.JSON, ProviderConfig.FORM).contains(c.bodyEncoding()), "bodyEncoding",
                ProviderConfig.JSON + " or " + ProviderConfig.FORM, c.bodyEncoding());
        ErrorDialect.check(file, c.errors(), problems);
        if (c.webhooks() != null) {
            c.webhooks().problems().forEach(problem -> problems.add(file + ": " + problem));
        }
        regex(problems, file, "rateLimit.forbiddenMessagePattern", c.rateLimit().forbiddenMessagePattern());
        for (String shape : c.secretShapes()) {
            regex(problems, file, "secretShapes", shape);
        }
        ownHeader(problems, file, c, "idempotencyHeader", c.idempotencyHeader(), c.correlationHeader());
        ownHeader(problems, file, c, "versionHeader", c.versionHeader(), c.correlationHeader(), c.idempotencyHeader());
        if (c.requestIdHeader() != null) {
            check(problems, file, HEADER_NAME.matcher(c.requestIdHeader()).matches(), "requestIdHeader",
                    "a header name (letters, digits, '-')", c.requestIdHeader());
        }
        for (String header : c.headers().keySet()) {
            check(problems, file, !header.equalsIgnoreCase("Authorization"), "headers", "free of Authorization (use auth)", header);
        }
        if (problems.size() > before) {
            return null;
        }
        return new ProviderConfig(c.provider(), c.baseUrlEnv(), stripSlash(baseUrl), c.allowInsecureHttp(), auth,
                Map.copyOf(c.headers()), c.correlationHeader(), c.idempotencyHeader(), c.requestIdHeader(), c.versionHeader(), c.bodyEncoding(), List.copyOf(c.secretShapes()), c.timeouts(), c.budget(), c.retry(), c.rateLimit(), c.breaker(),
                c.errors(), c.maxResponseBytes(), c.maxRequestBytes(), c.ops(), c.webhooks());
    }

    /**
     * A request header the chain sets itself ({@code field}): a header name, and none of Authorization, the fixed
     * {@code headers} or the chain's {@code others}, so that no value can be sent twice or replaced.
     */
    private static void ownHeader(List<String> problems, Path file, ProviderConfig c, String field, String name,
            String... others) {
        if (name == null) {
            return;
        }
        boolean taken = name.equalsIgnoreCase("Authorization") || c.headers().keySet().stream().anyMatch(name::equalsIgnoreCase)
                || Arrays.stream(others).anyMatch(name::equalsIgnoreCase);
        check(problems, file, HEADER_NAME.matcher(name).matches() && !taken, field, "a header name (letters, digits, '-')"
                + " other than Authorization, headers and the chain's own (correlationHeader, idempotencyHeader)", name);
    }

    private static void regex(List<String> problems, Path file, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            problems.add(file + ": " + field + " must be a regular expression, but was " + value + ": " + e.getDescription());
        }
    }

    static void check(List<String> problems, Path file, boolean ok, String field, String rule, Object value) {
        if (!ok) {
            problems.add(file + ": " + field + " must be " + rule + ", but was " + value);
        }
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Over plain http the token travels in clear, so http is for a stub or a sidecar on this machine: the host must be
     * {@code localhost} or a loopback address literal. A host name is never resolved: {@code 127.0.0.1.example.test}
     * is a name like any other.
     */
    static boolean isEncryptedOrLocal(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        return "https".equals(uri.getScheme()) || host.equalsIgnoreCase("localhost") || isLoopbackV4(host) || isLoopbackV6(host);
    }

    private static boolean isLoopbackV4(String host) {
        Matcher m = LOOPBACK_V4.matcher(host);
        return m.matches() && IntStream.rangeClosed(1, 3).allMatch(i -> Integer.parseInt(m.group(i)) <= 255);
    }

    /** A bracketed literal such as {@code [::1]}: getByName parses it and never looks it up. */
    private static boolean isLoopbackV6(String host) {
        try {
            return host.startsWith("[") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Deep merge: objects merge key by key, anything else is replaced. */
    static void merge(ObjectNode target, JsonNode source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode obj && e.getValue().isObject()) {
                merge(obj, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
