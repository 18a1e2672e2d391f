package dev.integrator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.webhook.dedupe.OwnRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores of rotated refresh tokens: a file in the data dir, or the shared Redis. */
class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void the_file_store_keeps_the_token_owner_only_and_a_new_store_on_the_same_dir_reads_it() throws Exception {
        new FileTokenStore(dir).save("acme", new TokenStore.Stored("sha256:a", "rt-1"));
        new FileTokenStore(dir).save("acme", new TokenStore.Stored("sha256:a", "rt-2"));

        assertThat(new FileTokenStore(dir).load("acme")).isEqualTo(new TokenStore.Stored("sha256:a", "rt-2"));
        assertThat(new FileTokenStore(dir).load("other")).isNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("oauth")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("oauth/acme.json")))).isEqualTo("rw-------");
        try (var files = Files.list(dir.resolve("oauth"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("acme.json");
        }
    }

    @Test
    void a_writer_killed_mid_save_leaves_the_last_saved_token_or_a_later_one_never_a_torn_file() throws Exception {
        for (int round = 0; round < 3; round++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), TokenStoreWriter.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long saved;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                long wanted = 20 + round * 7L;
                String line;
                do {
                    line = out.readLine();
                    assertThat(line).as("the writer's output").isNotNull();
                } while (Long.parseLong(line) < wanted);
                // SIGKILL while it keeps saving: the kill lands at any point of a save.
                writer.destroyForcibly();
                writer.waitFor(10, TimeUnit.SECONDS);
                saved = Long.parseLong(line);
            }
            TokenStore.Stored stored = new FileTokenStore(dir).load("acme");
            // Saves after the last one read may have completed too; none that returned is lost.
            long found = Long.parseLong(stored.refreshToken().split("-")[1]);
            assertThat(found).isGreaterThanOrEqualTo(saved);
            assertThat(stored.refreshToken()).endsWith("x".repeat(4000));
        }
    }

    @Test
    void a_garbled_file_is_reported_with_what_to_do_and_without_its_content() throws Exception {
        Files.createDirectories(dir.resolve("oauth"));
        Files.writeString(dir.resolve("oauth/acme.json"), "{\"refresh\": \"rt-secret-value\"");

        assertThatThrownBy(() -> new FileTokenStore(dir).load("acme")).isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("acme.json").doesNotContain("rt-secret-value");
        });
    }

    @Test
    void the_redis_store_is_shared_by_instances_and_fails_closed_while_redis_is_down() throws Exception {
        try (OwnRedis redis = OwnRedis.start()) {
            Map<String, String> env = Map.of("INTEGRATOR_REDIS_URL", redis.url(), "INTEGRATOR_REDIS_PREFIX", "oauth-test");
            try (TokenStore one = TokenSources.store(dir, env); TokenStore two = TokenSources.store(dir, env)) {
                assertThat(one).isInstanceOf(RedisTokenStore.class);
                assertThat(two.load("acme")).isNull();
                one.save("acme", new TokenStore.Stored("sha256:a", "rt-1"));
                assertThat(two.load("acme")).isEqualTo(new TokenStore.Stored("sha256:a", "rt-1"));

                redis.kill();
                assertThatThrownBy(() -> one.save("acme", new TokenStore.Stored("sha256:a", "rt-2")))
                        .isInstanceOfSatisfying(IntegrationException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                            assertThat(e.retryable()).isTrue();
                            assertThat(e.getMessage()).startsWith("cannot store the rotated refresh token in Redis 127.0.0.1:");
                        });
                assertThatThrownBy(() -> two.load("acme")).isInstanceOf(IntegrationException.class);
            }
            assertThat(Files.exists(dir.resolve("oauth"))).isFalse();
        }
    }
}
