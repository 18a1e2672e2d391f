package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.runtime.Integrator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's connections are kept open between calls and closed when the integrator closes: an application that
 * starts and stops integrators (tests, a reload) does not leave sockets to the providers behind.
 */
class ProviderConnectionsTest {

    @TempDir
    Path driftDir;

    @Test
    void closing_the_integrator_closes_its_kept_alive_provider_connections() throws Exception {
        byte[] body = GitHubStub.repoJson().getBytes(StandardCharsets.UTF_8);
        CountDownLatch answered = new CountDownLatch(1);
        CountDownLatch closedByClient = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stub = new Thread(() -> serveOneKeptAlive(server, body, answered, closedByClient), "keep-alive-stub");
            stub.setDaemon(true);
            stub.start();
            Integrator integrator = Integrator.builder().env(Map.of("GITHUB_BASE_URL", "http://127.0.0.1:" + server.getLocalPort(),
                    "INTEGRATOR_DRIFT_DIR", driftDir.toString())).start();

            Envelope result = integrator.call("github.repos.get", Map.of("owner", "apache", "repo", "camel"));
            assertThat(result.ok()).as("envelope %s", result).isTrue();
            assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(closedByClient.await(300, TimeUnit.MILLISECONDS)).as("kept alive between calls").isFalse();

            integrator.close();

            assertThat(closedByClient.await(5, TimeUnit.SECONDS)).as("the connection closed with the integrator").isTrue();
        }
    }

    /** The client closed the connection: an orderly end, or a reset (a close that does not linger). */
    private static boolean endOfStream(BufferedReader in) {
        try {
            return in.read() == -1;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    /** Answers one request with keep-alive, then waits for the client to close the connection. */
    private static void serveOneKeptAlive(ServerSocket server, byte[] body, CountDownLatch answered, CountDownLatch closedByClient) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the request head; a GET has no body
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            answered.countDown();
            if (endOfStream(in)) {
                closedByClient.countDown();
            }
        } catch (Exception e) {
            // the test fails on its latches
        }
    }
}
