package dev.integrator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.GitHubStub;
import dev.integrator.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock, diff and sentinels (replay and live) as the command line runs them. */
class ContractCommandsTest extends GitHubStub {

    @TempDir
    Path dir;

    private final CommandLine cli = new CommandLine();

    private int run(Map<String, String> env, String... args) {
        return cli.run(env, args);
    }

    private String stdout() {
        return cli.stdout();
    }

    private String stderr() {
        return cli.stderr();
    }

    @Test
    void diff_exits_0_without_breaking_changes_and_1_with_them() throws IOException {
        TempHome home = TempHome.copyOf(dir, "contracts");
        Map<String, String> env = Map.of("INTEGRATOR_HOME", home.path().toString());
        assertThat(run(env, "diff", "github.issues", "v1", "v2")).isZero();
        assertThat(stdout()).contains("non-breaking get response /state_reason", "0 breaking");

        Files.writeString(home.resolve("contracts/github.issues.v3.yaml"), Files.readString(home.resolve("contracts/github.issues.v2.yaml"))
                .replace("id: github.issues.v2", "id: github.issues.v3").replace("version: 2", "version: 3")
                .replace("state: {type: string, enum: [open, closed]}", "state: {type: string, enum: [open, closed, locked]}"));
        assertThat(run(env, "diff", "github.issues", "v2", "v3")).isEqualTo(1);
        assertThat(stdout()).contains("BREAKING", "/*/state: enum widened by [locked]");

        assertThat(run(env, "diff", "github.issues", "v2")).isEqualTo(2);
        assertThat(run(env, "diff", "github.issues", "v2", "v9")).isEqualTo(2);
    }

    @Test
    void lock_adds_new_versions_and_refuses_a_changed_one_unless_forced() throws IOException {
        TempHome home = TempHome.copyOf(dir, "contracts", "fixtures");
        Map<String, String> env = Map.of("INTEGRATOR_HOME", home.path().toString());
        String before = Files.readString(home.resolve("contracts/contracts.lock"));

        home.edit("contracts/github.repos.v1.yaml", "producedBy: \"integrator maintainers\"", "producedBy: \"someone else\"");
        assertThat(run(env, "lock")).isEqualTo(1);
        assertThat(stderr()).contains("refused  github.repos.v1: changed since it was locked");
        assertThat(Files.readString(home.resolve("contracts/contracts.lock"))).isEqualTo(before);

        assertThat(run(env, "lock", "--force", "github.repos.v1")).isZero();
        assertThat(Files.readString(home.resolve("contracts/contracts.lock"))).isNotEqualTo(before);

        Files.copy(home.resolve("contracts/github.labels.v1.yaml"), home.resolve("contracts/github.labels.v2.yaml"));
        assertThat(run(env, "lock")).isZero();
        assertThat(stdout()).contains("locked   github.labels.v2");
    }

    @Test
    void sentinels_replay_every_fixture_and_count_them() {
        assertThat(run(Map.of(), "sentinels")).isZero();
        assertThat(stdout()).contains("pass github.repos.v1/good/get-public-org-repo.json").containsPattern("\\d+ passed, 0 failed");
    }

    @Test
    void live_sentinels_without_credentials_say_so_send_nothing_and_exit_4() {
        assertThat(run(Map.of("GITHUB_BASE_URL", github.baseUrl()), "sentinels", "--live")).isEqualTo(4);
        assertThat(stderr()).contains("no credentials: set GITHUB_TOKEN");
        assertThat(requests()).isEmpty();
    }

    @Test
    void live_sentinels_send_only_read_only_probes_and_report_drift() {
        github.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World")).willReturn(okJson(repoJson())));
        github.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/issues")).willReturn(okJson("[]")));
        github.stubFor(get(urlPathEqualTo("/search/issues")).willReturn(okJson("{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}")));
        github.stubFor(get(urlPathEqualTo("/repos/octocat/Hello-World/issues/1")).willReturn(okJson("{\"number\": \"one\"}")));
        Map<String, String> env = new HashMap<>(env());

        assertThat(run(env, "sentinels", "--live")).isEqualTo(1);

        assertThat(stdout()).contains("ok    github.repos.get", "ok    github.issues.list", "ok    github.search.issues",
                "DRIFT github.issues.get (github.issues.v2): CONTRACT_VIOLATION");
        assertThat(requests()).isNotEmpty().allSatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"));
    }
}
