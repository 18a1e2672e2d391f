package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body over the provider's maxBodyBytes is refused with 413 before it is read whole: the answer comes while the
 * client has sent only the headers (Content-Length) or only the first chunks (chunked).
 */
class OversizedBodyTest {

    static final int LIMIT = 4096;

    @TempDir
    Path data;

    IngressUnderTest ingress;

    @BeforeEach
    // Starting the integrator, the broker and the port takes longer than the suite's default timeout on a busy machine.
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void start() throws Exception {
        JsonNode small = Json.MAPPER.readTree("{\"webhooks\": {\"maxBodyBytes\": " + LIMIT + "}}");
        ingress = IngressUnderTest.start(data, Map.of("GITHUB_WEBHOOK_SECRET", GitHubIngressTest.SECRET),
                Map.of("github", small));
    }

    @AfterEach
    void stop() {
        ingress.close();
    }

    private String statusLine(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                .readLine();
    }

    private String headers(String extra) {
        return "POST /webhooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nX-GitHub-Event: issues\r\n"
                + "X-GitHub-Delivery: big\r\nX-GitHub-Hook-ID: 1\r\nX-Hub-Signature-256: sha256=00\r\n" + extra
                        + "\r\n";
    }

    @Test
    void a_content_length_over_the_limit_is_413_before_any_body_byte_is_sent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ingress.ingress.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Content-Length: " + (50L * 1024 * 1024) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
        }
        assertThat(ingress.count("github", "too_large")).isEqualTo(1);
    }

    @Test
    void a_chunked_body_is_413_once_its_chunks_pass_the_limit_without_the_rest_being_sent() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", ingress.ingress.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            // Twice the limit, and the body never ends: only a server that stops reading at the limit answers.
            for (int i = 0; i < 2 * LIMIT / chunk.length; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();

            assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
        }
        assertThat(ingress.count("github", "too_large")).isEqualTo(1);
    }
}
