package dev.integrator.webhook.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.json.Json;
import dev.integrator.queue.RabbitAvailable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A virtual host of the machine's RabbitMQ for the webhook tests alone: their operation and event queues can never
 * meet another test's (or another suite's) on the shared broker, which is never stopped.
 */
final class RabbitVhost {

    static final String NAME = "integrator-webhook-tests";
    private static boolean ready;

    private RabbitVhost() {
    }

    static String url() {
        return RabbitAvailable.URL + "/" + NAME;
    }

    /** Skips (or fails in CI) without RabbitMQ; creates the virtual host once, guest allowed. */
    static synchronized void require() throws Exception {
        RabbitAvailable.require();
        if (ready) {
            return;
        }
        Process list = new ProcessBuilder("rabbitmqctl", "list_vhosts").redirectErrorStream(true).start();
        list.waitFor(120, TimeUnit.SECONDS);
        if (!new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().anyMatch(NAME::equals)) {
            RabbitAvailable.rabbitmqctl("add_vhost", NAME);
        }
        RabbitAvailable.rabbitmqctl("set_permissions", "-p", NAME, "guest", ".*", ".*", ".*");
        ready = true;
    }

    static Connection connect(String name) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url());
        return factory.newConnection(name);
    }

    /** Deletes the queues, so that each test starts from none. */
    static void delete(List<String> queues) throws Exception {
        try (Connection c = connect("webhook-tests-cleanup"); Channel ch = c.createChannel()) {
            for (String queue : queues) {
                ch.queueDelete(queue);
            }
        }
    }

    /** Takes every message now on the queue. */
    static List<JsonNode> drain(Channel ch, String queue) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        GetResponse r;
        while ((r = ch.basicGet(queue, true)) != null) {
            messages.add(Json.MAPPER.readTree(r.getBody()));
        }
        return messages;
    }
}
