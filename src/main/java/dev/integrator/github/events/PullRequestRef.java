package dev.integrator.github.events;

import java.time.Instant;

/** A pull request: {@code head} and {@code base} are branch names; {@code mergedAt} is null until it is merged. */
public record PullRequestRef(long number, String title, String state, boolean draft, Instant mergedAt, String head,
        String base,
        String author, String url) {
}
