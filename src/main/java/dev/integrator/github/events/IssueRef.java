package dev.integrator.github.events;

import java.util.List;

/** The issue (or pull request seen as an issue) an issues or issue_comment event is about. */
public record IssueRef(long number, String title, String state, String author, List<String> labels, String url) {
}
