package dev.integrator.observe;

import com.fasterxml.jackson.core.JsonStreamContext;
import dev.integrator.redact.Redactor;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import net.logstash.logback.mask.ValueMasker;

/**
 * The last guard between a log event and its output, in both log formats: every configured secret, token-shaped
 * string, scheme credential and secret-named query parameter is masked in every value (the message, arguments,
 * MDC, stack traces), and any field whose name says it is a secret is masked whole. Our own events never carry
 * secrets; this catches what a library might log.
 *
 * <p>Logging is process-wide, so the secrets are too: each integrator adds its providers' credentials when it
 * starts, and they stay masked for the life of the process.
 */
public final class LogRedaction implements ValueMasker {

    private static final Set<String> SECRETS = new LinkedHashSet<>();
    private static final Set<String> SHAPES = new LinkedHashSet<>();
    private static volatile Redactor redactor = Redactor.withoutSecrets();

    /** Masks these values (blank ones are ignored) in every log event from now on. */
    public static synchronized void addSecrets(Collection<String> secrets) {
        addSecrets(secrets, Set.of());
    }

    /** As {@link #addSecrets(Collection)}, and strings of these shapes (the providers' {@code secretShapes}) too. */
    public static synchronized void addSecrets(Collection<String> secrets, Collection<String> shapes) {
        boolean added = SECRETS.addAll(secrets);
        added |= SHAPES.addAll(shapes);
        if (added) {
            redactor = new Redactor(SECRETS, SHAPES);
        }
    }

    /** A whole formatted line or one value, with its secret parts masked. */
    public static String mask(String text) {
        return redactor.inline(text);
    }

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        String field = context.getCurrentName();
        if (field != null && Redactor.isSecretKey(field) && value != null) {
            return Redactor.MASK;
        }
        if (value instanceof CharSequence text) {
            String masked = mask(text.toString());
            return masked.contentEquals(text) ? null : masked;
        }
        return null;
    }
}
