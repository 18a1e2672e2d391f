package dev.integrator.github.events;

import java.util.List;

/** {@code push}: commits were pushed to {@code ref}, moving it from {@code before} to {@code after}. */
public record PushEvent(String ref, String before, String after, List<CommitRef> commits, RepositoryRef repository,
        String pusher,
        String sender) {
}
