package dev.integrator.webhook.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.webhook.dedupe.DeliveryLog.Claim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process confirming deliveries as fast as it can, past a rewrite of the journal: every id it reported
 * confirmed before it died is a duplicate after the restart, and the journal opens.
 */
class JournalKillTest {

    /** The child: confirms ids one after another and prints each once it is confirmed. */
    public static final class ConfirmingChild {
        public static void main(String[] args) {
            try (DeliveryLog log = DeliveryLogs.open(Path.of(args[0]), Map.of())) {
                for (int i = 0; i < 1_000_000; i++) {
                    String id = "kill-" + i;
                    log.claim("github", id);
                    log.confirm("github", id, Duration.ofHours(24));
                    System.out.println(id);
                }
            }
        }
    }

    @TempDir
    Path data;

    @Test
    void every_id_confirmed_before_a_kill_9_is_a_duplicate_after_the_restart() throws Exception {
        Path printed = data.resolve("confirmed.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ConfirmingChild.class.getName(), data.toString())
                .redirectOutput(printed.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Past the first rewrite (after 10000 appended lines), so a kill may also land in or after one.
            Awaitility.await("12000 ids confirmed").atMost(25, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                    .until(() -> confirmed(printed).size() >= 12_000);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> confirmed = confirmed(printed);

        try (DeliveryLog log = DeliveryLogs.open(data, Map.of())) {
            assertThat(confirmed).allSatisfy(id -> assertThat(log.claim("github", id)).as(id)
                    .isEqualTo(Claim.DUPLICATE));
        }
    }

    /** The ids the child printed whole (a last line without its end of line may be cut). */
    private static List<String> confirmed(Path printed) throws IOException {
        String text = Files.readString(printed, StandardCharsets.US_ASCII);
        List<String> lines = List.of(text.split("\n", -1));
        return lines.subList(0, lines.size() - 1);
    }
}
