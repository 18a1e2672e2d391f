package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need the RabbitMQ at 127.0.0.1:5672. In CI (CI=true) its absence fails the test; on a developer
 * machine the test is skipped with the reason, since RabbitMQ is an external service there.
 */
public final class RabbitAvailable {

    public static final String URL = "amqp://guest:guest@127.0.0.1:5672";

    private RabbitAvailable() {
    }

    public static void require() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            String reason = "RabbitMQ is not answering on 127.0.0.1:5672 (" + e.getMessage() + "); start it with `rabbitmq-server -detached`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason + " - skipped outside CI");
        }
    }

    /**
     * A virtual host of the test's own on the local broker, for queues no other test declares or purges while it
     * runs; returns its URL. {@link #deleteVhost} removes it with all its queues.
     */
    public static String addVhost(String name) throws Exception {
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return URL + "/" + name;
    }

    public static void deleteVhost(String name) throws Exception {
        rabbitmqctl("delete_vhost", name);
    }

    /** Runs a {@code rabbitmqctl} command on the local broker and fails with its output unless it succeeds. */
    public static void rabbitmqctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }
}
