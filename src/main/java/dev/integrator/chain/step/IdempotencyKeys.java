package dev.integrator.chain.step;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.OperationSpec;
import dev.integrator.contract.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The idempotency key of a call. A write (a method not in {@code retry.idempotentMethods}) to a provider with an
 * {@code idempotencyHeader} always sends one: the caller's own ({@code idempotencyKey} parameter, or the Camel header
 * from Java), else one derived from the operation and the call's correlation id. The request is built once per call,
 * so every retry repeats the key; a queue message keeps its correlation id (or message id) on redelivery, so a
 * redelivery repeats it too. A read sends none: a key means nothing to a request that changes nothing.
 */
final class IdempotencyKeys {

    /** Stripe takes keys of up to 255 characters; visible ASCII only, so nothing can break the header line. */
    static final int MAX_LENGTH = 255;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1," + MAX_LENGTH + "}");

    private IdempotencyKeys() {
    }

    /**
     * Takes the caller's key out of {@code params} (it is never a body or query value) and checks it, or the
     * {@code header} key given from Java. Null when the caller gave none.
     */
    static String callerKey(OperationSpec spec, Map<String, ?> params, String header) {
        Object parameter = params.remove(Parameter.IDEMPOTENCY_KEY);
        if (parameter != null && spec.provider().config().idempotencyHeader() == null) {
            throw invalid("parameter '" + Parameter.IDEMPOTENCY_KEY + "' is for providers that take idempotency keys; "
                    + spec.provider().config().provider() + " takes none");
        }
        if (parameter != null && header != null && !header.equals(parameter)) {
            throw invalid("two different idempotency keys: the parameter '" + Parameter.IDEMPOTENCY_KEY
                    + "' and the header " + RequestStep.IDEMPOTENCY_KEY_HEADER);
        }
        String key = parameter != null ? String.valueOf(parameter) : header;
        if (key != null && !KEY.matcher(key).matches()) {
            throw invalid("the idempotency key must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    /** The key the call sends: the caller's, else derived; null for a read or a provider without keys. */
    static String of(OperationSpec spec, String callerKey, String correlationId) {
        if (!spec.keyed()) {
            return null;
        }
        return callerKey != null ? callerKey : derived(spec.id(), correlationId);
    }

    /**
     * {@code <operation>:<correlationId>}, readable, so that the key in the provider's request log leads to our logs
     * and back. Unambiguous: an operation id holds no ':', so the first one ends it. Past 255 characters (a very long
     * operation id), the hex SHA-256 of both, under a prefix no operation id can have.
     */
    static String derived(String operation, String correlationId) {
        String readable = operation + ":" + correlationId;
        return readable.length() <= MAX_LENGTH ? readable : "sha256:" + sha256(operation + "\n" + correlationId);
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static IntegrationException invalid(String message) {
        return IntegrationException.of(ErrorCode.INVALID_REQUEST, message).notSent().build();
    }
}
