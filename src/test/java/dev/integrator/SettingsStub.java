package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A copy of the definitions whose GitHub settings a test rewrites into another provider's dialect, a WireMock provider
 * on loopback, and an integrator over both with quick retries and a wall clock standing at {@link #NOW}.
 */
final class SettingsStub implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-26T08:30:00Z");
    static final String SETTINGS = "routes/github/provider.yaml";

    private final Path dir;
    private final TempHome home;
    private final WireMockServer provider;
    private Integrator integrator;

    SettingsStub(Path dir) throws IOException {
        this.dir = dir;
        this.home = TempHome.copyOf(dir.resolve("home"), "routes", "contracts");
        this.provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
    }

    /** Replaces {@code from}, which must be in the GitHub settings, before {@link #start}. */
    void settings(String from, String to) throws IOException {
        home.edit(SETTINGS, from, to);
    }

    Integrator start() {
        integrator = Integrator.builder().home(home.path()).timeSource(new ManualTime(NOW))
                .env(Map.of("GITHUB_BASE_URL", provider.baseUrl(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()))
                .override("github", json("""
                        {"retry": {"initialDelayMs": 1, "maxDelayMs": 5, "jitter": 0},
                         "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000}}
                        """))
                .start();
        return integrator;
    }

    Integrator integrator() {
        return integrator;
    }

    WireMockServer provider() {
        return provider;
    }

    Envelope getRepo() {
        return integrator.call("github.repos.get", Map.of("owner", "o", "repo", "r"));
    }

    void repoAnswers(ResponseDefinitionBuilder answer) {
        provider.stubFor(get(urlEqualTo("/repos/o/r")).willReturn(answer));
    }

    int requests() {
        return provider.findAll(anyRequestedFor(anyUrl())).size();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        if (integrator != null) {
            integrator.close();
        }
        provider.stop();
    }
}
