package dev.integrator.github;

import java.time.Instant;
import java.util.List;

/**
 * A GitHub issue or pull request as listed with issues ({@code pullRequest} tells which). {@code stateReason}
 * and {@code closedBy} come with contract github.issues.v2 and are null under v1; {@code closedBy} is only
 * sent for a single issue, not in lists.
 */
public record Issue(
        long number,
        String title,
        String state,
        String stateReason,
        String body,
        String author,
        List<String> labels,
        List<String> assignees,
        int comments,
        boolean pullRequest,
        String url,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        String closedBy) {
}
