package dev.integrator.github.events;

/** {@code issues}: an issue was opened, edited, closed, labeled, ... ({@code action} says which). */
public record IssuesEvent(String action, IssueRef issue, RepositoryRef repository, String sender) {
}
