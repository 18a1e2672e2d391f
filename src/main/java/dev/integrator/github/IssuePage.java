package dev.integrator.github;

import java.util.List;

/** One page of issues; {@code nextPage} is the {@code page} value to ask for next, null on the last page. */
public record IssuePage(List<Issue> items, Integer nextPage) {
}
