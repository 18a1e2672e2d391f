package dev.integrator.github;

import static dev.integrator.normalize.DtoMapping.optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.normalize.LinkHeader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * GitHub JSON to stable DTOs, per contract version and operation. Both issue contract versions map to the
 * same {@link Issue}: v2 also reads {@code state_reason} and {@code closed_by}, which v1 leaves null.
 */
public final class GitHubNormalizers {

    private static final List<String> ISSUE_V1 = List.of("number", "title", "state", "body", "user", "user/login", "labels",
            "labels/*", "labels/*/name", optional("assignees"), "assignees/*/login", "comments", optional("pull_request"),
            "html_url", "created_at", "updated_at", "closed_at");
    private static final List<String> ISSUE_V2 = concat(ISSUE_V1, List.of("state_reason", optional("closed_by"), "closed_by/login"));
    private static final List<String> REPOSITORY = List.of("id", "full_name", "owner", "owner/login", "name", "private",
            "description", "default_branch", "stargazers_count", "forks_count", "open_issues_count", "archived", "html_url");
    private static final List<String> LABEL = List.of("id", "name", "color", optional("description"));

    private GitHubNormalizers() {
    }

    /** Mappings by {@code <contract id>.<operation>}, such as {@code github.issues.v2.list}. */
    public static Map<String, DtoMapping> all() {
        return Map.ofEntries(
                Map.entry("github.issues.v1.list", issuePage(ISSUE_V1, false)),
                Map.entry("github.issues.v1.get", issue(ISSUE_V1, false)),
                Map.entry("github.issues.v1.create", issue(ISSUE_V1, false)),
                Map.entry("github.issues.v2.list", issuePage(ISSUE_V2, true)),
                Map.entry("github.issues.v2.get", issue(ISSUE_V2, true)),
                Map.entry("github.issues.v2.create", issue(ISSUE_V2, true)),
                Map.entry("github.repos.v1.get", new DtoMapping("Repository", pointers("", REPOSITORY), (body, r) -> repository(body))),
                Map.entry("github.labels.v1.create", new DtoMapping("Label", pointers("", LABEL), (body, r) -> label(body))),
                Map.entry("github.search.v1.issues", new DtoMapping("IssueSearch",
                        concat(pointers("", List.of("total_count", "incomplete_results", "items", "items/*")), pointers("/items/*", ISSUE_V1)),
                        (body, r) -> new IssueSearch(body.path("total_count").asLong(), body.path("incomplete_results").asBoolean(),
                                issues(body.path("items"), false), nextPage(r)))));
    }

    private static DtoMapping issue(List<String> reads, boolean v2) {
        return new DtoMapping("Issue", pointers("", reads), (body, r) -> issue(body, v2));
    }

    private static DtoMapping issuePage(List<String> reads, boolean v2) {
        return new DtoMapping("IssuePage", pointers("/*", reads), (body, r) -> new IssuePage(issues(body, v2), nextPage(r)));
    }

    static Issue issue(JsonNode n, boolean v2) {
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
                v2 ? text(n.get("state_reason")) : null,
                text(n.get("body")),
                text(n.path("user").get("login")),
                List.copyOf(labels),
                List.copyOf(assignees),
                n.path("comments").asInt(),
                pr != null && !pr.isNull(),
                n.path("html_url").asText(),
                instant(n.get("created_at")),
                instant(n.get("updated_at")),
                instant(n.get("closed_at")),
                v2 ? text(n.path("closed_by").get("login")) : null);
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

    private static List<Issue> issues(JsonNode array, boolean v2) {
        List<Issue> items = new ArrayList<>();
        array.forEach(item -> items.add(issue(item, v2)));
        return List.copyOf(items);
    }

    private static Integer nextPage(UpstreamResponse response) {
        return LinkHeader.queryInt(response.header("Link").orElse(null), "next", "page").orElse(null);
    }

    /** Reads relative to {@code base}, as JSON pointers: "title" under "/*" is "/*\/title". */
    private static List<String> pointers(String base, List<String> reads) {
        return reads.stream().map(r -> r.startsWith("/") ? base + r : base + "/" + r).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
