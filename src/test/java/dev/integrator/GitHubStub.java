package dev.integrator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WireMock GitHub on a loopback port and an Integrator pointed at it, with fast retries and a short breaker
 * wait so tests count requests instead of waiting. A test may restart the integrator with other settings. Drift
 * samples go to a temporary folder, never to the project's data/.
 */
public abstract class GitHubStub {

    protected static final String TOKEN = "ghp_test_token_for_stub_0123456789";

    protected WireMockServer github;
    protected Integrator integrator;

    @TempDir
    protected Path driftDir;

    @BeforeEach
    void startStub() {
        github = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        integrator = start(settings());
    }

    @AfterEach
    void stopStub() {
        if (integrator != null) {
            integrator.close();
        }
        github.stop();
    }

    /** Test settings over routes/github/provider.yaml: no jitter, 10 ms first retry, generous budget. */
    protected String settings() {
        return """
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
                 "budget": {"requestsPerSecond": 1000, "burst": 1000, "maxWaitMs": 2000},
                 "breaker": {"waitDurationInOpenStateMs": 300, "minimumNumberOfCalls": 4, "slidingWindowSize": 4}}
                """;
    }

    protected Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_BASE_URL", github.baseUrl());
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("INTEGRATOR_DRIFT_DIR", driftDir.toString());
        return env;
    }

    protected Integrator start(String settings) {
        return restart(settings, env());
    }

    protected Integrator restart(String settings, Map<String, String> env) {
        if (integrator != null) {
            integrator.close();
        }
        integrator = Integrator.builder().env(env).override("github", json(settings)).start();
        return integrator;
    }

    protected static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected List<LoggedRequest> requests() {
        return github.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    /** Requests in the order they arrived. */
    protected List<LoggedRequest> requestsInOrder() {
        return requests().stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** Milliseconds between the arrival of request {@code i} and request {@code i + 1}. */
    protected long gapMs(int i) {
        List<LoggedRequest> all = requestsInOrder();
        return all.get(i + 1).getLoggedDate().getTime() - all.get(i).getLoggedDate().getTime();
    }

    /**
     * GET {@code path} answers with {@code responses} in turn, one per request; the last one then repeats.
     */
    protected void getInTurn(String path, ResponseDefinitionBuilder... responses) {
        String scenario = "in turn " + path;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            String next = i + 1 < responses.length ? "answer " + (i + 1) : state;
            github.stubFor(WireMock.get(WireMock.urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
        }
    }

    protected static Map<String, Object> repo(String owner, String repo) {
        return Map.of("owner", owner, "repo", repo);
    }

    public static String repoJson() {
        return """
                {"id": 206378, "name": "camel", "full_name": "apache/camel", "private": false,
                 "owner": {"login": "apache", "id": 47359},
                 "html_url": "https://github.com/apache/camel", "description": "Apache Camel",
                 "default_branch": "main", "stargazers_count": 5800, "forks_count": 5000,
                 "open_issues_count": 12, "archived": false}
                """;
    }

    protected static String issueJson(long number) {
        return """
                {"number": %d, "title": "Nightly sync fails", "state": "open", "state_reason": null, "body": null,
                 "user": {"login": "octocat"}, "labels": [], "assignees": [], "comments": 0,
                 "html_url": "https://github.com/apache/camel/issues/%d",
                 "created_at": "2026-11-26T08:30:00Z", "updated_at": "2026-11-26T08:30:00Z", "closed_at": null}
                """.formatted(number, number);
    }

    protected static String labelJson(String name) {
        return """
                {"id": 3512458791, "name": "%s", "color": "d73a4a", "description": null}
                """.formatted(name);
    }
}
