package dev.integrator.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must not leave the process as {@value #MASK}: credential headers, JSON values under secret-looking
 * keys, the configured secrets wherever they appear, and strings shaped like tokens. Anything written outside the
 * process that may hold provider data (drift samples, later logs) goes through here first. Over-masking is the
 * accepted error there: a sample loses a value, a leak cannot be taken back. Provider data itself, which callers
 * consume, is masked only for {@linkplain #isCredential credentials}: there over-masking corrupts what they read.
 */
public final class Redactor {

    public static final String MASK = "***";

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final List<String> SECRET_HEADER_WORDS = List.of("token", "key", "secret", "signature", "password", "session");

    /** A key is secret when its last word is one of these (access_token, client_secret, X-Hub-Signature-256). */
    private static final Set<String> SECRET_LAST_WORDS = Set.of(
            "token", "secret", "password", "passwd", "signature", "authorization", "cookie", "session", "credential");
    /** ... or when it is "<one of these> key" (api_key, accessKey, private_key), but not a plain "key" such as a license's. */
    private static final Set<String> KEY_OWNERS = Set.of("api", "access", "private", "secret", "signing", "encryption", "client");
    /** ... or when its words run together into one of these (APIKEY, apikey, sessionid). */
    private static final List<String> SECRET_ENDINGS = List.of("apikey", "accesskey", "privatekey", "secretkey", "sessionid", "clientsecret");

    /** A query parameter whose name says it carries a credential: {@code ?access_token=...}, {@code &api_key=...}, {@code &sig=...}. */
    private static final Pattern SECRET_QUERY_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:[A-Za-z0-9_.\\-]*(?:token|key|secret|signature|password|passwd|auth|session)[A-Za-z0-9_.\\-]*|sig)=)([^&;#\\s\"'<>]+)");
    /**
     * A field written as JSON inside text that is not JSON (a body cut off): {@code "name": value}, the value a string,
     * perhaps unterminated, or a bare scalar. Possessive and unrolled, so a long string of escapes needs no stack.
     */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"([A-Za-z0-9_.$-]{1,100})\"\\s*+:\\s*+)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"?|(?![{\\[])[^\\s,}\\]]++)");
    /** A field of a form body ({@code access_token=...&scope=...}): at the start, or after {@code &} or a space. */
    private static final Pattern FORM_FIELD = Pattern.compile("(?<![^\\s&])([A-Za-z0-9_.-]{1,100})=([^&\\s]++)");
    /** An HTTP credential written out: the scheme stays readable, the credential goes. */
    private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+([A-Za-z0-9._~+/=-]{8,})");

    /**
     * A long secret's first {@value #FRAGMENT} characters are masked too, with what follows them: a message cut to a
     * length limit may end in part of a secret, which the whole-secret rule would miss.
     */
    private static final int FRAGMENT = 8;
    private static final int MIN_FRAGMENT_SECRET = 12;
    private static final int MIN_CREDENTIAL = 16;

    private final List<String> secrets;
    private final List<Pattern> fragments;
    /** The secrets that are credentials ({@link #isCredential}): the only ones masked inside provider data. */
    private final List<String> credentials;
    private final EscapedSecretScan credentialScan;
    private final Pattern tokenShaped;

    /**
     * {@code secrets}: values to mask wherever they appear, such as each provider's token; blanks are ignored. Logs,
     * error messages and samples mask every one of them; provider data only those that are {@linkplain #isCredential
     * credentials}.
     */
    public Redactor(Collection<String> secrets) {
        this(secrets, List.of());
    }

    /** As {@link #Redactor(Collection)}, and strings of the providers' {@code shapes} ({@link TokenShapes}) masked too. */
    public Redactor(Collection<String> secrets, Collection<String> shapes) {
        this.tokenShaped = TokenShapes.pattern(shapes);
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isBlank()) {
                kept.add(s.trim());
            }
        }
        this.secrets = List.copyOf(kept);
        this.credentials = kept.stream().filter(Redactor::isCredential).toList();
        this.credentialScan = new EscapedSecretScan(credentials);
        this.fragments = kept.stream().filter(s -> s.length() >= MIN_FRAGMENT_SECRET)
                .map(s -> Pattern.compile(Pattern.quote(s.substring(0, FRAGMENT)) + "[A-Za-z0-9._~+/=-]*")).toList();
    }

    /**
     * Whether a configured secret is long and varied enough to be a credential: at least {@value #MIN_CREDENTIAL}
     * characters, mixing at least two of lower-case letters, upper-case letters, digits and other characters. Only
     * those are masked inside provider data: a short or plain one (a trust-store password such as {@code changeit})
     * is also an ordinary word, which masking would cut out of an issue's text without protecting anything.
     */
    public static boolean isCredential(String secret) {
        if (secret.length() < MIN_CREDENTIAL) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (char c : secret.toCharArray()) {
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            other |= !Character.isLetterOrDigit(c);
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) >= 2;
    }

    public static Redactor withoutSecrets() {
        return new Redactor(List.of());
    }

    /** A string that holds a configured secret is masked whole; token-shaped parts of any other string are masked. */
    public String text(String value) {
        if (value == null) {
            return null;
        }
        for (String secret : secrets) {
            if (value.contains(secret)) {
                return MASK;
            }
        }
        for (Pattern fragment : fragments) {
            if (fragment.matcher(value).find()) {
                return MASK;
            }
        }
        return shapes(value);
    }

    /**
     * A body that is not JSON, kept whole as text in a drift sample (JSON cut off, a form, a page): the values of
     * secret-named fields, written as JSON ({@code "password": "..."}) or as a form ({@code password=...}), are masked,
     * then the whole goes through {@link #text}.
     */
    public String unparsedBody(String body) {
        String masked = JSON_FIELD.matcher(body).replaceAll(m -> Matcher.quoteReplacement(
                isSecretKey(m.group(2)) ? m.group(1) + "\"" + MASK + "\"" : m.group()));
        masked = FORM_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                isSecretKey(m.group(1)) ? m.group(1) + "=" + MASK : m.group()));
        return text(masked);
    }

    /**
     * Masks only the secret parts of a longer text, such as a log line or an error message, which would be useless
     * masked whole: every configured secret where it appears, token-shaped strings, credentials after an HTTP
     * scheme and the values of secret-named query parameters.
     */
    public String inline(String value) {
        if (value == null) {
            return null;
        }
        String masked = masked(value, secrets);
        for (Pattern fragment : fragments) {
            masked = fragment.matcher(masked).replaceAll(MASK);
        }
        return shapes(masked);
    }

    /**
     * Whether raw JSON bytes, such as a provider's body, hold a configured credential once parsed, as is or written
     * with escapes. A body that only holds escapes (most bodies with text do) does not: the test before walking the
     * parsed tree with {@link #maskSecretsIn}, so that the walk runs only when there is something to mask.
     */
    public boolean mayHoldSecret(byte[] bytes) {
        return credentialScan.foundIn(bytes);
    }

    /**
     * Masks every configured credential inside the strings of a parsed tree, in place, and changes nothing else: for
     * data (the tree is the caller's DTO to be), not samples. Returns the tree, or a new node when it is a bare string.
     */
    public JsonNode maskSecretsIn(JsonNode tree) {
        return rewrite(tree, value -> masked(value, credentials), key -> false);
    }

    private static String masked(String value, List<String> secrets) {
        String masked = value;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    private String shapes(String value) {
        String masked = tokenShaped.matcher(value).replaceAll(MASK);
        masked = SECRET_QUERY_PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return SCHEME_CREDENTIAL.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                looksLikeCredential(m.group(2)) ? m.group(1) + " " + MASK : m.group()));
    }

    /** Keeps prose such as "Basic authentication" readable: a credential has a digit or a symbol, or is long. */
    private static boolean looksLikeCredential(String word) {
        return word.length() >= 20 || !word.chars().allMatch(Character::isLetter);
    }

    public String header(String name, String value) {
        return isSecretHeader(name) ? MASK : text(value);
    }

    /** The headers with credential and secret-named ones masked, in their order. */
    public Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> redacted = new LinkedHashMap<>();
        headers.forEach((name, value) -> redacted.put(name, header(name, value)));
        return redacted;
    }

    /** A redacted copy: values under secret-looking keys masked at any depth, every string through {@link #text}. */
    public JsonNode json(JsonNode node) {
        return json(node, SensitiveFields.NONE);
    }

    /** As {@link #json(JsonNode)}, and the contract's sensitive fields masked too. */
    public JsonNode json(JsonNode node, SensitiveFields sensitive) {
        if (node == null) {
            return null;
        }
        return rewrite(sensitive.mask(node.deepCopy()), this::text, Redactor::isSecretKey);
    }

    /**
     * Rewrites a tree in place: every string through {@code onText}, and the value under a key {@code secretKey}
     * accepts masked whole (unless null). Returns the tree, or a new node when it is a bare string.
     */
    private static JsonNode rewrite(JsonNode node, UnaryOperator<String> onText, Predicate<String> secretKey) {
        if (node.isTextual()) {
            return TextNode.valueOf(onText.apply(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                field.setValue(secretKey.test(field.getKey()) && !value.isNull() ? TextNode.valueOf(MASK) : rewrite(value, onText, secretKey));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewrite(array.get(i), onText, secretKey));
            }
        }
        return node;
    }

    /** Credential headers, and any header whose name mentions a token, key, secret, signature, password or session. */
    public static boolean isSecretHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(n) || SECRET_HEADER_WORDS.stream().anyMatch(n::contains);
    }

    /**
     * Whether a JSON key names a secret. Judged by its words (split at separators and camelCase, trailing numbers
     * dropped), so that {@code secret_scanning} or {@code keys_url} stay readable while {@code client_secret},
     * {@code accessToken} or {@code api_key} are masked.
     */
    public static boolean isSecretKey(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        String singular = last.endsWith("s") && last.length() > 4 ? last.substring(0, last.length() - 1) : last;
        if (SECRET_LAST_WORDS.contains(last) || SECRET_LAST_WORDS.contains(singular)) {
            return true;
        }
        if (words.stream().anyMatch(w -> w.startsWith("password") || w.equals("passwd"))) {
            return true;
        }
        if (words.size() >= 2 && last.equals("key") && KEY_OWNERS.contains(words.get(words.size() - 2))) {
            return true;
        }
        String joined = String.join("", words);
        return SECRET_ENDINGS.stream().anyMatch(joined::endsWith);
    }

    private static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        for (String part : key.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])")) {
            if (!part.isEmpty()) {
                words.add(part.toLowerCase(Locale.ROOT));
            }
        }
        while (!words.isEmpty() && words.get(words.size() - 1).matches("[0-9]+")) {
            words.remove(words.size() - 1);
        }
        return words;
    }
}
