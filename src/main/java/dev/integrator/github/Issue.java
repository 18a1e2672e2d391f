package dev.integrator.github;

import java.time.Instant;
import java.util.List;

/** A GitHub issue or pull request as listed with issues ({@code pullRequest} tells which). */
public record Issue(
        long number,
        String title,
        String state,
        String body,
        String author,
        List<String> labels,
        List<String> assignees,
        int comments,
        boolean pullRequest,
        String url,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt) {
}
