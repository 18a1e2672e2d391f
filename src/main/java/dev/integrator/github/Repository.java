package dev.integrator.github;

/** A GitHub repository. */
public record Repository(
        long id,
        String fullName,
        String owner,
        String name,
        boolean isPrivate,
        String description,
        String defaultBranch,
        long stars,
        long forks,
        long openIssues,
        boolean archived,
        String url) {
}
