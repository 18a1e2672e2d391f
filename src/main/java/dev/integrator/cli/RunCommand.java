package dev.integrator.cli;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.integrator.ConfigurationException;
import dev.integrator.OperationId;
import dev.integrator.observe.Health;
import dev.integrator.observe.ManagementServer;
import dev.integrator.queue.QueueFrontDoor;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.ingress.WebhookIngress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code integrator run}: the long-running service. Every operation is served on its direct endpoint and
 * consumed from {@code integrator.<operation>} on the configured broker, with health and Prometheus metrics on
 * the management port, until the process is told to stop (SIGTERM or Ctrl-C), when the management port closes
 * and consumers stop first so in-flight requests finish and are acknowledged.
 */
final class RunCommand {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.run");
    static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
    static final int DEFAULT_MANAGEMENT_PORT = 8080;

    private RunCommand() {
    }

    static int run(Path home, Map<String, String> env, PrintStream out) {
        QueueSettings settings = QueueSettings.fromEnv(home, env);
        String managementHost = env.getOrDefault("INTEGRATOR_MANAGEMENT_HOST", DEFAULT_MANAGEMENT_HOST);
        int managementPort = managementPort(env);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Integrator integrator = Integrator.builder().home(home).env(env).meterRegistry(metrics).start();
        QueueFrontDoor door;
        WebhookIngress webhooks;
        ManagementServer management;
        try {
            webhooks = WebhookIngress.prepare(integrator, home, env);
            door = QueueFrontDoor.start(integrator, settings, QueueFrontDoor.broker(settings), webhooks.queues());
        } catch (RuntimeException e) {
            integrator.close();
            throw e;
        }
        try {
            webhooks.start(door.broker(), settings.dataDir());
            Health health = new Health(integrator.camel(), integrator.operations()::breakerStates, door.broker());
            if (webhooks.receives()) {
                health.show("webhooks", webhooks).show("webhookDeliveryLog", webhooks.deliveryLog());
            }
            integrator.sharedQuota().ifPresent(quota -> health.show("sharedQuota", quota));
            management = ManagementServer.start(managementHost, managementPort, metrics, health);
        } catch (RuntimeException e) {
            webhooks.close();
            door.close();
            integrator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            try {
                management.close();
                // The port closes before the broker: no delivery is answered once nothing can store it.
                webhooks.close();
                door.close();
                integrator.close();
            } finally {
                stopped.countDown();
            }
        }, "integrator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        String managementUrl = "http://" + managementHost + ":" + management.port() + ManagementServer.BASE;
        LOG.info("started {} {} {}", kv("operations", integrator.operations().all().size()), kv("broker", door.broker().describe()),
                kv("management", managementUrl));
        out.println("integrator run: " + integrator.operations().all().size() + " operations on queues " + OperationId.QUEUE_PREFIX
                + "<operation>, dead letters on " + QueueSettings.DLQ + "; broker: " + door.broker().describe()
                + "; health and metrics on " + managementUrl
                + (webhooks.receives() ? "; webhooks on " + webhooks.url() + "<provider> for "
                        + String.join(", ", webhooks.providers()) + ", events on integrator.events.<provider>.<event>"
                        : ""));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private static int managementPort(Map<String, String> env) {
        String value = env.get("INTEGRATOR_MANAGEMENT_PORT");
        if (value == null) {
            return DEFAULT_MANAGEMENT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("environment",
                List.of("INTEGRATOR_MANAGEMENT_PORT must be a port number from 0 to 65535, but was '" + value + "'"));
    }
}
