package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RabbitMQ URL as messages, logs and the health answer show it: never with its password. */
class QueueSettingsTest {

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({
            "amqp://guest:guest@127.0.0.1:5672, amqp://guest:***@127.0.0.1:5672, guest",
            "amqp://:pw-only@127.0.0.1:5672, amqp://***@127.0.0.1:5672, pw-only",
            "amqp://app:p%40ss:w0rd@broker.example:5672/prod, amqp://app:***@broker.example:5672/prod, p@ss:w0rd",
            "amqp://127.0.0.1:5672, amqp://127.0.0.1:5672, ''"})
    void the_url_for_logs_never_holds_the_password_and_the_log_masking_learns_it(String url, String shown, String password) {
        QueueSettings settings = QueueSettings.fromEnv(Path.of("."), Map.of("RABBITMQ_URL", url));

        assertThat(settings.rabbitUrlForLogs()).isEqualTo(shown);
        assertThat(settings.secrets()).isEqualTo(password.isEmpty() ? java.util.List.of() : java.util.List.of(password));
    }
}
