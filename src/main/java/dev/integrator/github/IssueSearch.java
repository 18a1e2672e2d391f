package dev.integrator.github;

import java.util.List;

/** One page of issue search results; {@code nextPage} as in {@link IssuePage}. */
public record IssueSearch(long totalCount, boolean incompleteResults, List<Issue> items, Integer nextPage) {
}
