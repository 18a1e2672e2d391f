package dev.integrator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.GitHubStub;
import dev.integrator.Home;
import dev.integrator.TempHome;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrator drift list} and {@code drift fixture} through Main, on a copy of the project in a temporary home. */
class DriftCommandTest extends GitHubStub {

    @TempDir
    Path home;

    private final CommandLine cli = new CommandLine();

    @BeforeEach
    void copyProject() throws IOException {
        TempHome.copyOf(home, "routes", "contracts", "fixtures");
    }

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = super.env();
        env.put("INTEGRATOR_HOME", home.toString());
        return env;
    }

    private int run(String... args) {
        return cli.run(env(), args);
    }

    private String stdout() {
        return cli.stdout();
    }

    /** One call whose answer has stargazers_count as a string: one sample in the drift folder. */
    private String recordDrift() {
        ObjectNode body = (ObjectNode) json(repoJson());
        body.put("stargazers_count", "5800");
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(body.toString())));
        assertThat(run("call", "github.repos.get", "owner=apache", "repo=camel")).isEqualTo(1);
        assertThat(run("drift", "list")).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines).hasSize(1);
        return lines.get(0).split("  ")[0];
    }

    @Test
    void list_prints_one_line_per_sample() {
        String id = recordDrift();

        assertThat(id).matches("github\\.repos\\.v1/[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-github\\.repos\\.get-[0-9a-f]{6}");
        String line = stdout().strip();
        assertThat(line.split("  ")).hasSize(4);
        assertThat(line.split("  ")[1]).isEqualTo("github.repos.get");
        assertThat(line.split("  ")[2]).matches("[0-9-]{10}T[0-9:.]+Z");
        assertThat(line.split("  ")[3]).isEqualTo("/stargazers_count type");
    }

    @Test
    void list_of_an_empty_folder_prints_nothing_and_exits_0() {
        assertThat(run("drift", "list")).isZero();
        assertThat(stdout()).isEmpty();
    }

    @Test
    void fixture_turns_a_sample_into_a_bad_fixture_that_reproduces_the_drift() throws Exception {
        String id = recordDrift();

        assertThat(run("drift", "fixture", id)).as(cli.stderr()).isZero();

        Path file = Path.of(stdout().strip());
        assertThat(file.getParent()).isEqualTo(home.resolve("fixtures/github.repos.v1/bad"));
        assertThat(file.getFileName().toString()).matches("drift-[0-9]{8}T[0-9]{9}Z\\.json");
        Fixture fixture = Fixtures.loadAll(home.resolve("fixtures")).stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
        assertThat(fixture.good()).isFalse();
        assertThat(fixture.operation()).isEqualTo("github.repos.get");
        assertThat(fixture.request()).isEqualTo(Map.of("owner", "apache", "repo", "camel"));
        assertThat(fixture.expect().error().code()).isEqualTo("CONTRACT_VIOLATION");
        assertThat(fixture.expect().error().detail()).isEqualTo("/stargazers_count");
        try (Sentinels sentinels = new Sentinels(Home.of(home))) {
            Sentinels.Result replay = sentinels.replay(fixture);
            assertThat(replay.passed()).as(replay.problem()).isTrue();
        }
    }

    @Test
    void fixture_takes_a_name_and_never_overwrites() throws Exception {
        String id = recordDrift();

        assertThat(run("drift", "fixture", id, "get-stars-as-string")).isZero();
        Path file = home.resolve("fixtures/github.repos.v1/bad/get-stars-as-string.json");
        assertThat(Path.of(stdout().strip())).isEqualTo(file);
        String written = Files.readString(file);

        assertThat(run("drift", "fixture", id, "get-stars-as-string")).isEqualTo(2);
        assertThat(cli.stderr()).contains("already exists");
        assertThat(run("drift", "fixture", id, "get-stargazers-count-string")).as("a fixture of the project").isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(Files.readString(home.resolve("fixtures/github.repos.v1/bad/get-stargazers-count-string.json")))
                .isEqualTo(Files.readString(Path.of("fixtures/github.repos.v1/bad/get-stargazers-count-string.json")));
    }

    @Test
    void unknown_ids_bad_names_and_malformed_commands_are_usage_errors() throws IOException {
        String id = recordDrift();

        assertThat(run("drift", "fixture", "github.repos.v1/20000101T000000.000Z-github.repos.get-000000")).isEqualTo(2);
        assertThat(cli.stderr()).contains("no drift sample");
        assertThat(run("drift", "fixture", "../" + id)).isEqualTo(2);
        assertThat(run("drift", "fixture", "github.repos.v1/../../x")).isEqualTo(2);
        Path stray = Files.createDirectories(driftDir.resolve("stray")).resolve("x.json");
        Files.copy(driftDir.resolve(id + ".json"), stray);
        assertThat(run("drift", "fixture", "github.repos.v1/../stray/x", "stray")).as("an id names a sample in its contract's folder").isEqualTo(2);
        assertThat(run("drift", "fixture", id, "../escape")).isEqualTo(2);
        assertThat(run("drift")).isEqualTo(2);
        assertThat(run("drift", "list", "more")).isEqualTo(2);
        assertThat(run("drift", "fixture")).isEqualTo(2);
        assertThat(run("drift", "forget", id)).isEqualTo(2);
        assertThat(home.resolve("fixtures/github.repos.v1/escape.json")).doesNotExist();
    }
}
