package dev.integrator.slack;

import java.util.List;

/** One page of conversations; {@code nextCursor} is the {@code cursor} to ask for next, null on the last page. */
public record ChannelPage(List<Channel> items, String nextCursor) {
}
