package dev.integrator.webhook.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.webhook.dedupe.DeliveryLog.Claim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which delivery log the environment opens. */
class DeliveryLogsTest {

    @TempDir
    Path data;

    @Test
    void without_a_redis_url_the_journal_in_the_data_directory_keeps_ids_over_a_restart() {
        try (DeliveryLog log = DeliveryLogs.open(data, Map.of(DeliveryLogs.REDIS_URL, " "))) {
            assertThat(log.claim("github", "9:abc")).isEqualTo(Claim.NEW);
            log.confirm("github", "9:abc", Duration.ofHours(24));
        }

        assertThat(Files.isRegularFile(data.resolve("webhooks").resolve(JournalDeliveryLog.FILE_NAME))).isTrue();
        try (DeliveryLog log = DeliveryLogs.open(data, Map.of())) {
            assertThat(log.claim("github", "9:abc")).isEqualTo(Claim.DUPLICATE);
        }
    }

    @Test
    void a_redis_url_that_is_not_one_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> DeliveryLogs.open(data, Map.of(DeliveryLogs.REDIS_URL,
                "https://user:hunter2@cache.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("INTEGRATOR_REDIS_URL must be a redis:// or rediss:// URL")
                .hasMessageNotContaining("hunter2");
    }
}
