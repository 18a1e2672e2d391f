package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The sentinels: every fixture replayed over HTTP through the real chain. A good one must give its golden DTO,
 * a bad one its error code with the expected detail (such as the JSON pointer of a drifted field).
 */
class FixtureReplayTest {

    private static Sentinels sentinels;

    @BeforeAll
    static void start() {
        sentinels = new Sentinels(Home.of(Path.of(".")));
    }

    @AfterAll
    static void stop() {
        sentinels.close();
    }

    @TestFactory
    Stream<DynamicTest> every_fixture_gives_its_expected_result() {
        return Fixtures.loadAll(Path.of("fixtures")).stream().map(f -> DynamicTest.dynamicTest(f.name(), f.file().toUri(), () -> {
            Sentinels.Result result = sentinels.replay(f);
            assertThat(result.passed()).as("%s: %s", f.name(), result.problem()).isTrue();
        }));
    }
}
