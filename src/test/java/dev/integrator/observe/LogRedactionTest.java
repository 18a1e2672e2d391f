package dev.integrator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.integrator.GitHubStub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The last guard: whatever a library logs - in the message, an argument, the MDC or an exception - leaves the
 * process with the provider's token (known from the started integrator) and credential shapes masked, in both formats.
 */
class LogRedactionTest extends GitHubStub {

    private static final String LIBRARY = "org.apache.camel.example";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "text"})
    void a_library_that_logs_a_secret_prints_it_masked(String format) {
        Logger library = LoggerFactory.getLogger(LIBRARY);
        String output;
        try (LogCapture logs = format.equals("json") ? LogCapture.json(Level.DEBUG, LIBRARY) : LogCapture.text(Level.DEBUG, LIBRARY)) {
            MDC.put("session", TOKEN);
            try {
                library.warn("sending Authorization: Bearer {} to {}", TOKEN, "https://example.test/cb?access_token=abc123&page=2");
                library.error("request failed", new IllegalStateException("rejected token " + TOKEN));
            } finally {
                MDC.remove("session");
            }
            output = logs.output();
        }

        assertThat(output).contains("sending Authorization: Bearer ***", "access_token=***&page=2", "request failed",
                "rejected token ***");
        assertThat(output).doesNotContain(TOKEN).doesNotContain("abc123");
    }
}
