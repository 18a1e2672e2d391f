package dev.integrator.github.events;

/** A comment on an issue or pull request. */
public record CommentRef(long id, String body, String author, String url) {
}
