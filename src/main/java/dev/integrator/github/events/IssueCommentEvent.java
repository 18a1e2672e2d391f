package dev.integrator.github.events;

/** {@code issue_comment}: a comment on an issue or pull request was created, edited or deleted. */
public record IssueCommentEvent(String action, IssueRef issue, CommentRef comment, RepositoryRef repository,
        String sender) {
}
