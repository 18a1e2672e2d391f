package dev.integrator.queue;

import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The queue front door on an embedded Artemis journaling into {@code data}, listening on a free loopback port, and a
 * JMS client factory for it; closing it closes both.
 */
public record ArtemisOnLoopback(QueueFrontDoor door, ActiveMQConnectionFactory client) implements AutoCloseable {

    /** {@code env}: more INTEGRATOR_* settings, such as a message size limit or a delivery limit. */
    public static ArtemisOnLoopback start(Integrator integrator, Path data, Map<String, String> env) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("INTEGRATOR_DATA_DIR", data.toString());
        all.put("INTEGRATOR_ARTEMIS_PORT", String.valueOf(port));
        QueueFrontDoor door = QueueFrontDoor.start(integrator, QueueSettings.fromEnv(data, all));
        return new ArtemisOnLoopback(door, new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port));
    }

    @Override
    public void close() {
        client.close();
        door.close();
    }
}
