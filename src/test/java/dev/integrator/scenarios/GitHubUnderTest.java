package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** GitHub as the project defines it: the repository's own routes/ and contracts/. */
final class GitHubUnderTest implements ProviderUnderTest {

    private static final String REPO = """
            {"id": 206378, "name": "camel", "full_name": "apache/camel", "private": false,
             "owner": {"login": "apache"}, "html_url": "https://github.com/apache/camel", "description": null,
             "default_branch": "main", "stargazers_count": 5800, "forks_count": 5000, "open_issues_count": 12,
             "archived": false}
            """;
    private static final String ISSUE = """
            {"number": 1, "title": "Nightly sync fails", "state": "open", "state_reason": null, "body": null, "user": {"login": "octocat"},
             "labels": [], "assignees": [], "comments": 0, "html_url": "https://github.com/apache/camel/issues/1",
             "created_at": "2026-11-26T08:30:00Z", "updated_at": "2026-11-26T08:30:00Z", "closed_at": null}
            """;

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Path home(Path dir) {
        return Path.of(".");
    }

    @Override
    public String baseUrlEnv() {
        return "GITHUB_BASE_URL";
    }

    @Override
    public Call read() {
        return new Call("github.repos.get", Map.of("owner", "apache", "repo", "camel"), "GET", "/repos/apache/camel", 200, REPO);
    }

    @Override
    public Map<String, Object> invalidReadParams() {
        return Map.of("owner", "apache");
    }

    @Override
    public Call write() {
        return new Call("github.labels.create", Map.of("owner", "apache", "repo", "camel", "name", "bug", "color", "d73a4a"),
                "POST", "/repos/apache/camel/labels", 201, "{\"id\": 3512458791, \"name\": \"bug\", \"color\": \"d73a4a\", \"description\": null}");
    }

    @Override
    public String writeBodyFragment() {
        return "\"name\":\"bug\"";
    }

    @Override
    public String idempotencyHeader() {
        return null;
    }

    @Override
    public Call otherResource() {
        return new Call("github.search.issues", Map.of("q", "repo:apache/camel is:open"), "GET", "/search/issues", 200,
                "{\"total_count\": 0, \"incomplete_results\": false, \"items\": []}");
    }

    @Override
    public Page page() {
        return new Page(new Call("github.issues.list", Map.of("owner", "apache", "repo", "camel"), "GET", "/repos/apache/camel/issues",
                200, "[" + ISSUE + "]"),
                Map.of("Link", "<https://api.github.com/repositories/206378/issues?page=3>; rel=\"next\""), "nextPage", "3");
    }

    @Override
    public ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\": \"Not Found\"}");
    }

    @Override
    public ResponseDefinitionBuilder quotaUsedUp(Duration reset) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(REPO)
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().plus(reset).getEpochSecond()))
                .withHeader("X-RateLimit-Resource", "core");
    }
}
