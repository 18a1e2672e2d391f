package dev.integrator.github;

import dev.integrator.Client;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed GitHub client, {@code GitHub.on(integrator).issues().list("apache", "camel")}: a convenience over a
 * {@link Client}, which the core does not know. Each method is one call through the chain; failures throw
 * {@link dev.integrator.IntegrationException}.
 */
public final class GitHub {

    private final Client client;

    private GitHub(Client client) {
        this.client = client;
    }

    /** The typed client over {@code client}, usually the running integrator. */
    public static GitHub on(Client client) {
        return new GitHub(Objects.requireNonNull(client, "client"));
    }

    public Issues issues() {
        return new Issues();
    }

    public Repos repos() {
        return new Repos();
    }

    public Labels labels() {
        return new Labels();
    }

    public Search search() {
        return new Search();
    }

    /** Optional filters of {@link Issues#list(String, String, ListOptions)}; null means GitHub's default. */
    public record ListOptions(String state, String labels, Integer perPage, Integer page) {
        public static ListOptions page(int page) {
            return new ListOptions(null, null, null, page);
        }
    }

    public final class Issues {
        public IssuePage list(String owner, String repo) {
            return list(owner, repo, new ListOptions(null, null, null, null));
        }

        public IssuePage list(String owner, String repo, ListOptions options) {
            return client.request("github.issues.list", params("owner", owner, "repo", repo, "state", options.state(),
                    "labels", options.labels(), "per_page", options.perPage(), "page", options.page()), IssuePage.class);
        }

        public Issue get(String owner, String repo, long number) {
            return client.request("github.issues.get", params("owner", owner, "repo", repo, "issue_number", number), Issue.class);
        }

        public Issue create(String owner, String repo, String title, String body, List<String> labels, List<String> assignees) {
            return client.request("github.issues.create", params("owner", owner, "repo", repo, "title", title, "body", body,
                    "labels", labels, "assignees", assignees), Issue.class);
        }
    }

    public final class Repos {
        public Repository get(String owner, String repo) {
            return client.request("github.repos.get", params("owner", owner, "repo", repo), Repository.class);
        }
    }

    public final class Labels {
        public Label create(String owner, String repo, String name, String color, String description) {
            return client.request("github.labels.create", params("owner", owner, "repo", repo, "name", name, "color", color,
                    "description", description), Label.class);
        }
    }

    public final class Search {
        public IssueSearch issues(String q) {
            return issues(q, null, null, null, null);
        }

        public IssueSearch issues(String q, String sort, String order, Integer perPage, Integer page) {
            return client.request("github.search.issues", params("q", q, "sort", sort, "order", order, "per_page", perPage,
                    "page", page), IssueSearch.class);
        }
    }

    /** Name/value pairs to a parameter map, leaving out nulls (unset optional parameters). */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
