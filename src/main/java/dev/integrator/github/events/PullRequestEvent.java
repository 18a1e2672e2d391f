package dev.integrator.github.events;

/** {@code pull_request}: a pull request was opened, synchronized, closed, ... ({@code action} says which). */
public record PullRequestEvent(String action, long number, PullRequestRef pullRequest, RepositoryRef repository,
        String sender) {
}
