package dev.integrator.webhook.dedupe;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server of the test's own on a free loopback port, keeping nothing on disk, that the test may kill (the
 * machine's Redis on 6379 is never touched). Without redis-server on the PATH the test fails in CI (CI=true) and is
 * skipped with the reason elsewhere.
 */
public final class OwnRedis implements AutoCloseable {

    final int port;
    private final String password;
    private Process process;

    private OwnRedis(int port, String password) {
        this.port = port;
        this.password = password;
    }

    public static OwnRedis start() throws Exception {
        return start(null);
    }

    static OwnRedis start(String password) throws Exception {
        requireBinary();
        OwnRedis redis = new OwnRedis(freePort(), password);
        redis.restart();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port, and waits until it answers. */
    public void restart() throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Awaitility.await("redis-server on " + port).atMost(10, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(this::answers);
    }

    /** Kills it as a crash would (SIGKILL), and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops it without closing its connections (SIGSTOP), as a hung Redis: commands get no answer. */
    public void freeze() throws Exception {
        signal("-STOP");
    }

    /** Lets a frozen one go on (SIGCONT). */
    public void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] reply = new byte[64];
            int n = in.read(reply);
            // "+PONG", or "-NOAUTH" from a server that wants a password: either way it is up.
            return n > 0 && (reply[0] == '+' || reply[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            thaw();
        }
        if (process != null) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void requireBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = Arrays.stream(path.split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server")));
        if (!found) {
            String reason = "redis-server is not on the PATH; install it with `apt-get install redis-server`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason + " - skipped outside CI");
        }
    }
}
