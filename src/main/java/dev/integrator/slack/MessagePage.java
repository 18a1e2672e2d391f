package dev.integrator.slack;

import java.util.List;

/** One page of a conversation's history, newest first; {@code nextCursor} null on the last page. */
public record MessagePage(List<Message> items, Boolean hasMore, String nextCursor) {
}
