package dev.integrator.scenarios;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the shared chain scenarios need to know of a provider: its home, the variable of its base URL, a few calls
 * with what the provider answers when they succeed, and how the provider says "not found" and "quota used up". Only
 * data: every behaviour under test comes from the provider's definitions.
 */
public interface ProviderUnderTest {

    /** One call and the provider's success answer to it; {@code path} is what the stub matches, query excluded. */
    record Call(String operation, Map<String, Object> params, String method, String path, int okStatus, String okBody) {
    }

    /** A list call answered with one page: the record component holding the cursor, and the value it must hold. */
    record Page(Call call, Map<String, String> headers, String cursorComponent, String cursor) {
    }

    String name();

    /** A home folder holding the provider's definitions (and {@code routes/defaults.yaml}), prepared under {@code dir}. */
    Path home(Path dir) throws IOException;

    String baseUrlEnv();

    /** A read (an idempotent method) on the provider's core rate-limit resource. */
    Call read();

    /** The read with parameters its contract refuses. */
    Map<String, Object> invalidReadParams();

    /** A write (a non-idempotent method). */
    Call write();

    /** What the encoded body of {@link #write()} must contain, as it reaches the provider. */
    String writeBodyFragment();

    /** Whether the provider takes idempotency keys, so that a write with a key may be sent again. */
    default boolean takesIdempotencyKeys() {
        return idempotencyHeader() != null;
    }

    /** The header carrying an idempotency key; null when the provider takes none. */
    String idempotencyHeader();

    /** A call counted against another rate-limit resource than {@link #read()}. */
    Call otherResource();

    Page page();

    /** How the provider says that what {@link #read()} asks for does not exist. */
    ResponseDefinitionBuilder notFound();

    /** Whether the provider's answers say in headers that its quota is used up; Stripe's do not (it answers 429). */
    default boolean signalsQuotaInHeaders() {
        return true;
    }

    /** A success answer to {@link #read()} saying, in the provider's own headers, that its quota is used up for {@code reset}. */
    ResponseDefinitionBuilder quotaUsedUp(Duration reset);
}
