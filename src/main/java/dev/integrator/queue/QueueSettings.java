package dev.integrator.queue;

import dev.integrator.Home;
import dev.integrator.OperationId;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the queue front door runs, from the environment: which broker, where the embedded one keeps its journal,
 * its port, the RabbitMQ URL, and the limits. Every value is checked once; all problems are reported together.
 */
public record QueueSettings(
        Kind broker,
        Path dataDir,
        int artemisPort,
        String rabbitUrl,
        int maxMessageBytes,
        int maxDeliveries,
        int consumersPerQueue) {

    public enum Kind { ARTEMIS, RABBITMQ }

    public static final String DLQ = "integrator.DLQ";

    public static String queueOf(String operation) {
        return OperationId.parse(operation).queue();
    }

    /** The providers whose operations these queues serve. */
    public static Set<String> providersOf(Collection<String> queues) {
        return queues.stream().flatMap(q -> OperationId.ofQueue(q).stream()).map(OperationId::provider).collect(Collectors.toSet());
    }

    /**
     * Whether a queue under the prefix is one the front door answers although no operation owns it: a name of the
     * form {@code integrator.<provider>.<resource>.<operation>} for a provider it serves. Every other name under the
     * prefix (a client's {@code integrator.replies}) belongs to whoever made it and is left alone.
     */
    public static boolean isOperationShaped(String queue, Set<String> providers) {
        return OperationId.ofQueue(queue).filter(id -> providers.contains(id.provider())).isPresent();
    }

    public static QueueSettings fromEnv(Path home, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Kind kind = Kind.ARTEMIS;
        String broker = env.getOrDefault("INTEGRATOR_BROKER", "artemis").toUpperCase(Locale.ROOT);
        try {
            kind = Kind.valueOf(broker);
        } catch (IllegalArgumentException e) {
            problems.add("INTEGRATOR_BROKER must be artemis or rabbitmq, but was " + env.get("INTEGRATOR_BROKER"));
        }
        Path data = Path.of(env.getOrDefault("INTEGRATOR_DATA_DIR", Home.of(home).data().toString()));
        int port = number(env, "INTEGRATOR_ARTEMIS_PORT", 61616, 0, 65535, problems);
        String rabbit = env.getOrDefault("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672");
        try {
            URI uri = URI.create(rabbit);
            if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add("RABBITMQ_URL must be amqp://user:password@host:port[/vhost]");
            }
        } catch (IllegalArgumentException e) {
            problems.add("RABBITMQ_URL must be amqp://user:password@host:port[/vhost]");
        }
        int maxBytes = number(env, "INTEGRATOR_MAX_MESSAGE_BYTES", 1024 * 1024, 1, Integer.MAX_VALUE, problems);
        int deliveries = number(env, "INTEGRATOR_MAX_DELIVERIES", 5, 1, 100, problems);
        int consumers = number(env, "INTEGRATOR_CONSUMERS", 2, 1, 64, problems);
        if (!problems.isEmpty()) {
            throw new dev.integrator.ConfigurationException("queue settings", problems);
        }
        return new QueueSettings(kind, data, port, rabbit, maxBytes, deliveries, consumers);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", but was " + value);
        return fallback;
    }

    /** The RabbitMQ URL without its password, for messages: rebuilt from its parts, keeping only the user name. */
    public String rabbitUrlForLogs() {
        URI uri = URI.create(rabbitUrl);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return rabbitUrl;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String shown = user.isEmpty() ? "***" : colon < 0 ? user : user + ":***";
        return uri.getScheme() + "://" + shown + "@" + uri.getRawAuthority().substring(userInfo.length() + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The RabbitMQ password, for the log masking: it must not show even where a library prints the URL. */
    public List<String> secrets() {
        String userInfo = URI.create(rabbitUrl).getUserInfo();
        if (userInfo == null || userInfo.indexOf(':') < 0) {
            return List.of();
        }
        String password = userInfo.substring(userInfo.indexOf(':') + 1);
        return password.isEmpty() ? List.of() : List.of(password);
    }
}
