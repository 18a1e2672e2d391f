package dev.integrator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one operation, {@code <provider>.<resource>.<operation>} ({@code github.issues.list},
 * {@code acme.payment_intents.create}), and the names made from it: its route id is the id itself, its direct
 * endpoint {@code direct:<id>}, its queue {@code integrator.<id>}. The only place an id is split.
 */
public record OperationId(String provider, String resource, String operation) {

    /** Every operation's queue is its id under this prefix. */
    public static final String QUEUE_PREFIX = "integrator.";
    /** A provider id, the one rule for settings, contract files, drift samples and operation ids. */
    public static final String PROVIDER = "[a-z][a-z0-9-]*";
    /** A resource of a provider, such as {@code issues} or {@code payment_intents}. */
    public static final String RESOURCE = "[a-z0-9][a-z0-9_-]*";
    private static final Pattern ID = Pattern.compile("(" + PROVIDER + ")\\.(" + RESOURCE + ")\\.([a-zA-Z0-9][a-zA-Z0-9_-]*)");

    public OperationId {
        if (!ID.matcher(provider + "." + resource + "." + operation).matches()) {
            throw malformed(provider + "." + resource + "." + operation);
        }
    }

    /** The id of {@code text}, or IllegalArgumentException saying what an id must be. */
    public static OperationId parse(String text) {
        Matcher m = text == null ? null : ID.matcher(text);
        if (m == null || !m.matches()) {
            throw malformed(text);
        }
        return new OperationId(m.group(1), m.group(2), m.group(3));
    }

    /** The operation a queue is named after; empty for any other name (a client's reply queue, the dead letters). */
    public static Optional<OperationId> ofQueue(String queue) {
        if (queue == null || !queue.startsWith(QUEUE_PREFIX)) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(queue.substring(QUEUE_PREFIX.length()));
        return m.matches() ? Optional.of(new OperationId(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** {@code <provider>.<resource>}: what contract ids and resource files are named after. */
    public String resourceId() {
        return provider + "." + resource;
    }

    public String queue() {
        return QUEUE_PREFIX + this;
    }

    public String endpoint() {
        return "direct:" + this;
    }

    @Override
    public String toString() {
        return provider + "." + resource + "." + operation;
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("operation id must be <provider>.<resource>.<operation> (a lower-case provider; letters, "
                + "digits, '-' and '_'), but was " + (text == null ? "null" : "'" + text + "'"));
    }
}
