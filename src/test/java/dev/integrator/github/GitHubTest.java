package dev.integrator.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.Client;
import dev.integrator.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed client is a thin layer over any Client: each method is one operation with its parameters, unset ones left out. */
class GitHubTest {

    private record Request(String operation, Map<String, ?> params, Class<?> dto) {
    }

    /** A Client that only records what it was asked for: the typed client needs nothing more of the core. */
    private static final class Recording implements Client {
        final List<Request> requests = new ArrayList<>();

        @Override
        public Envelope call(String operation, Map<String, ?> params) {
            throw new UnsupportedOperationException("the typed client requests DTOs");
        }

        @Override
        public <T> T request(String operation, Map<String, ?> params, Class<T> dto) {
            requests.add(new Request(operation, params, dto));
            return null;
        }
    }

    @Test
    void each_method_is_one_operation_with_its_parameters_and_its_dto() {
        Recording client = new Recording();
        GitHub github = GitHub.on(client);

        github.issues().list("apache", "camel", GitHub.ListOptions.page(2));
        github.issues().get("apache", "camel", 7);
        github.repos().get("apache", "camel");
        github.search().issues("is:open");

        assertThat(client.requests).containsExactly(
                new Request("github.issues.list", Map.of("owner", "apache", "repo", "camel", "page", 2), IssuePage.class),
                new Request("github.issues.get", Map.of("owner", "apache", "repo", "camel", "issue_number", 7L), Issue.class),
                new Request("github.repos.get", Map.of("owner", "apache", "repo", "camel"), Repository.class),
                new Request("github.search.issues", Map.of("q", "is:open"), IssueSearch.class));
    }
}
