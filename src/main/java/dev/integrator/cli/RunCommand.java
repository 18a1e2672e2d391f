package dev.integrator.cli;

import dev.integrator.Integrator;
import dev.integrator.queue.QueueFrontDoor;
import dev.integrator.queue.QueueSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code integrator run}: the long-running service. Every operation is served on its direct endpoint and
 * consumed from {@code integrator.<operation>} on the configured broker, until the process is told to stop
 * (SIGTERM or Ctrl-C), when consumers stop first so in-flight requests finish and are acknowledged.
 */
final class RunCommand {

    private RunCommand() {
    }

    static int run(Path home, Map<String, String> env, PrintStream out) {
        QueueSettings settings = QueueSettings.fromEnv(home, env);
        Integrator integrator = Integrator.builder().home(home).env(env).start();
        QueueFrontDoor door;
        try {
            door = QueueFrontDoor.start(integrator, settings);
        } catch (RuntimeException e) {
            integrator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            try {
                door.close();
                integrator.close();
            } finally {
                stopped.countDown();
            }
        }, "integrator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("integrator run: " + integrator.operations().all().size() + " operations on queues " + QueueSettings.QUEUE_PREFIX
                + "<operation>, dead letters on " + QueueSettings.DLQ + "; broker: " + door.broker().describe());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
