package dev.integrator.webhook.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.ManualTime;
import dev.integrator.webhook.dedupe.DeliveryLog.Claim;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded delivery log: claim, confirm and release, its window, and what it keeps over a restart or a kill. */
class JournalDeliveryLogTest {

    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path data;
    private final ManualTime time = new ManualTime(Instant.parse("2026-11-30T12:00:00Z"));

    private JournalDeliveryLog open() {
        return new JournalDeliveryLog(data.resolve("webhooks"), time, 1000);
    }

    private Path journal() {
        return data.resolve("webhooks").resolve(JournalDeliveryLog.FILE_NAME);
    }

    @Test
    void a_delivery_is_new_then_in_flight_while_claimed_then_a_duplicate_once_confirmed() {
        try (JournalDeliveryLog log = open()) {
            assertThat(log.claim("github", "1:a")).isEqualTo(Claim.NEW);
            assertThat(log.claim("github", "1:a")).isEqualTo(Claim.IN_FLIGHT);
            assertThat(log.claim("stripe", "1:a")).as("another provider's id space").isEqualTo(Claim.NEW);
            log.confirm("github", "1:a", DAY);
            assertThat(log.claim("github", "1:a")).isEqualTo(Claim.DUPLICATE);
            assertThat(log.available()).isTrue();
        }
    }

    @Test
    void a_released_claim_lets_the_providers_retry_in_and_a_crashed_claim_expires() {
        try (JournalDeliveryLog log = open()) {
            log.claim("github", "released");
            log.release("github", "released");
            assertThat(log.claim("github", "released")).isEqualTo(Claim.NEW);

            log.claim("github", "crashed");
            time.advance(DeliveryLog.CLAIM_HOLD.minusSeconds(1));
            assertThat(log.claim("github", "crashed")).isEqualTo(Claim.IN_FLIGHT);
            time.advance(Duration.ofSeconds(2));
            assertThat(log.claim("github", "crashed")).isEqualTo(Claim.NEW);
        }
    }

    @Test
    void a_confirmed_id_is_forgotten_after_its_window() {
        try (JournalDeliveryLog log = open()) {
            log.claim("stripe", "evt_1");
            log.confirm("stripe", "evt_1", Duration.ofHours(1));
            time.advance(Duration.ofMinutes(59));
            assertThat(log.claim("stripe", "evt_1")).isEqualTo(Claim.DUPLICATE);
            time.advance(Duration.ofMinutes(2));
            assertThat(log.claim("stripe", "evt_1")).isEqualTo(Claim.NEW);
        }
    }

    @Test
    void confirmed_ids_survive_a_restart_and_claims_do_not() {
        try (JournalDeliveryLog log = open()) {
            log.claim("github", "kept");
            log.confirm("github", "kept", DAY);
            log.claim("github", "short");
            log.confirm("github", "short", Duration.ofMinutes(5));
            log.claim("github", "claimed-only");
        }
        time.advance(Duration.ofMinutes(10));

        try (JournalDeliveryLog log = open()) {
            assertThat(log.claim("github", "kept")).isEqualTo(Claim.DUPLICATE);
            assertThat(log.claim("github", "short")).as("its window ended while down").isEqualTo(Claim.NEW);
            assertThat(log.claim("github", "claimed-only")).as("never confirmed: the retry is accepted")
                    .isEqualTo(Claim.NEW);
        }
        assertThat(lines()).as("the journal, rewritten on open, holds only the live id").hasSize(1)
                .allMatch(l -> l.endsWith(" github kept"));
    }

    @Test
    void a_journal_cut_mid_write_or_holding_garbage_still_opens_and_forgets_only_the_cut_id() throws IOException {
        try (JournalDeliveryLog log = open()) {
            log.confirm("github", "whole", DAY);
        }
        String cut = (time.now().plus(DAY).toEpochMilli()) + " github cut-in-the-midd";
        Files.writeString(journal(), "garbage\n\u0000\u0000\u0000\n" + "9".repeat(600) + "\n" + cut,
                StandardOpenOption.APPEND);

        try (JournalDeliveryLog log = open()) {
            assertThat(log.claim("github", "whole")).isEqualTo(Claim.DUPLICATE);
            assertThat(log.claim("github", "cut-in-the-midd")).as("a line with no end was never whole")
                    .isEqualTo(Claim.NEW);
            log.confirm("github", "after", DAY);
        }
        try (JournalDeliveryLog log = open()) {
            assertThat(log.claim("github", "after")).as("written after the cut, not glued to it")
                    .isEqualTo(Claim.DUPLICATE);
            assertThat(log.claim("github", "whole")).isEqualTo(Claim.DUPLICATE);
        }
    }

    @Test
    void the_folder_and_the_journal_are_readable_by_the_owner_only() throws IOException {
        Files.createDirectories(data.resolve("webhooks"));
        Files.setPosixFilePermissions(data.resolve("webhooks"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (JournalDeliveryLog log = open()) {
            log.confirm("github", "x", DAY);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("webhooks"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal()))).isEqualTo("rw-------");
    }

    @Test
    void the_store_keeps_at_most_its_bound_forgetting_the_oldest_and_the_file_stays_bounded_too() {
        try (JournalDeliveryLog log = open()) {
            for (int i = 0; i < 25_000; i++) {
                log.confirm("github", "id-" + i, DAY);
            }
            assertThat(log.claim("github", "id-24999")).isEqualTo(Claim.DUPLICATE);
            assertThat(log.claim("github", "id-0")).as("beyond the bound of 1000").isEqualTo(Claim.NEW);
        }
        assertThat(lines()).hasSizeLessThanOrEqualTo(1000 + 10_000);
    }

    @Test
    void of_many_concurrent_claims_of_one_id_exactly_one_is_new() throws Exception {
        try (JournalDeliveryLog log = open()) {
            assertThat(claimTogether(List.of(log, log, log, log, log, log, log, log), "github", "race"))
                    .containsOnlyKeys(Claim.NEW, Claim.IN_FLIGHT).containsEntry(Claim.NEW, 1L);
        }
    }

    @Test
    void an_id_that_could_break_a_line_is_refused() {
        try (JournalDeliveryLog log = open()) {
            assertThatThrownBy(() -> log.claim("github", "a b\n123 github forged"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("deliveryId must be");
            assertThatThrownBy(() -> log.confirm("GitHub", "x", DAY)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(journal(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every log claims the id at once (a gate opens for all threads together); the count of each answer. */
    static Map<Claim, Long> claimTogether(List<? extends DeliveryLog> logs, String provider, String id)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(logs.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Claim>> answers = new ArrayList<>();
            for (DeliveryLog log : logs) {
                Callable<Claim> claim = () -> {
                    gate.await();
                    return log.claim(provider, id);
                };
                answers.add(pool.submit(claim));
            }
            gate.countDown();
            Map<Claim, Long> counts = new java.util.EnumMap<>(Claim.class);
            for (Future<Claim> answer : answers) {
                counts.merge(answer.get(), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
