package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.json.Json;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture replayed over HTTP through the real chain: a good one must give its golden DTO, a bad one its
 * error code with the expected detail.
 */
class FixtureReplayTest extends GitHubStub {

    @TestFactory
    Stream<DynamicTest> every_fixture_gives_its_expected_result() {
        return Fixtures.loadAll(Path.of("fixtures")).stream()
                .map(f -> DynamicTest.dynamicTest(f.name(), f.file().toUri(), () -> replay(f)));
    }

    private void replay(Fixture f) throws Exception {
        github.resetAll();
        // Fresh breaker and budget: a rate-limit fixture pauses the budget, a 5xx one counts on the breaker.
        start(settings());
        ResponseDefinitionBuilder response = aResponse().withStatus(f.response().status());
        f.response().headers().forEach(response::withHeader);
        if (f.response().body() != null) {
            response.withBody(f.response().body().toString());
        }
        github.stubFor(any(anyUrl()).willReturn(response));

        Envelope envelope = integrator.call(f.operation(), f.request());

        if (f.good()) {
            assertThat(envelope.ok()).as("%s: %s", f.name(), envelope.error()).isTrue();
            JsonNode actual = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(envelope.data()));
            assertThat(actual).as(f.name()).isEqualTo(f.expect().dto());
        } else {
            assertThat(envelope.ok()).as(f.name()).isFalse();
            assertThat(envelope.error().code().name()).as(f.name() + " " + envelope.error()).isEqualTo(f.expect().error().code());
            String everything = envelope.error().message() + " " + Json.MAPPER.writeValueAsString(envelope.error().details());
            assertThat(everything).as(f.name()).contains(f.expect().error().detail());
        }
        assertThat(requests()).as("%s reached the stub", f.name()).isNotEmpty();
    }
}
