package dev.integrator.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.normalize.LinkHeader;
import dev.integrator.normalize.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub JSON to stable DTOs. Each reads only what its contract requires and types, so a response that passed
 * validation always normalizes.
 */
public final class GitHubNormalizers {

    private GitHubNormalizers() {
    }

    /** Normalizers by operation id. */
    public static Map<String, Normalizer> all() {
        return Map.of(
                "github.issues.list", (body, response) -> new IssuePage(issues(body), nextPage(response)),
                "github.issues.get", (body, response) -> issue(body),
                "github.issues.create", (body, response) -> issue(body),
                "github.repos.get", (body, response) -> repository(body),
                "github.labels.create", (body, response) -> label(body),
                "github.search.issues", (body, response) -> new IssueSearch(body.path("total_count").asLong(),
                        body.path("incomplete_results").asBoolean(), issues(body.path("items")), nextPage(response)));
    }

    static Issue issue(JsonNode n) {
        List<String> labels = new ArrayList<>();
        for (JsonNode label : n.path("labels")) {
            labels.add(label.isTextual() ? label.asText() : label.path("name").asText());
        }
        List<String> assignees = new ArrayList<>();
        for (JsonNode assignee : n.path("assignees")) {
            assignees.add(assignee.path("login").asText());
        }
        JsonNode pr = n.get("pull_request");
        return new Issue(
                n.path("number").asLong(),
                n.path("title").asText(),
                n.path("state").asText(),
                text(n.get("body")),
                text(n.path("user").get("login")),
                List.copyOf(labels),
                List.copyOf(assignees),
                n.path("comments").asInt(),
                pr != null && !pr.isNull(),
                n.path("html_url").asText(),
                instant(n.get("created_at")),
                instant(n.get("updated_at")),
                instant(n.get("closed_at")));
    }

    static Repository repository(JsonNode n) {
        return new Repository(
                n.path("id").asLong(),
                n.path("full_name").asText(),
                n.path("owner").path("login").asText(),
                n.path("name").asText(),
                n.path("private").asBoolean(),
                text(n.get("description")),
                n.path("default_branch").asText(),
                n.path("stargazers_count").asLong(),
                n.path("forks_count").asLong(),
                n.path("open_issues_count").asLong(),
                n.path("archived").asBoolean(),
                n.path("html_url").asText());
    }

    static Label label(JsonNode n) {
        return new Label(n.path("id").asLong(), n.path("name").asText(), n.path("color").asText(), text(n.get("description")));
    }

    private static List<Issue> issues(JsonNode array) {
        List<Issue> items = new ArrayList<>();
        array.forEach(item -> items.add(issue(item)));
        return List.copyOf(items);
    }

    private static Integer nextPage(UpstreamResponse response) {
        return LinkHeader.queryInt(response.header("Link").orElse(null), "next", "page").orElse(null);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
