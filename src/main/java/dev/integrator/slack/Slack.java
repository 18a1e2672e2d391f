package dev.integrator.slack;

import dev.integrator.Client;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed Slack client, {@code Slack.on(integrator).conversations().list(...)}: a convenience over a {@link Client},
 * which the core does not know. Each method is one call through the chain (and Slack's SDK inside it); failures throw
 * {@link dev.integrator.IntegrationException}. None of the SDK's types appears here.
 */
public final class Slack {

    private final Client client;

    private Slack(Client client) {
        this.client = client;
    }

    /** The typed client over {@code client}, usually the running integrator. */
    public static Slack on(Client client) {
        return new Slack(Objects.requireNonNull(client, "client"));
    }

    public Conversations conversations() {
        return new Conversations();
    }

    public Chat chat() {
        return new Chat();
    }

    public Users users() {
        return new Users();
    }

    /** A page request: {@code cursor} is a page's {@code nextCursor} (null for the first page), {@code limit} null for Slack's. */
    public record Page(String cursor, Integer limit) {
        public static Page first(int limit) {
            return new Page(null, limit);
        }

        public Page next(String cursor) {
            return new Page(cursor, limit);
        }
    }

    public final class Conversations {
        /** {@code types}: public_channel, private_channel, mpim, im; empty for Slack's default (public channels). */
        public ChannelPage list(List<String> types, Page page) {
            return client.request("slack.conversations.list", params("types", types.isEmpty() ? null : types,
                    "cursor", page.cursor(), "limit", page.limit()), ChannelPage.class);
        }

        /** {@code oldest} and {@code latest} are message timestamps ({@code 1512085950.000216}), null for no bound. */
        public MessagePage history(String channel, String oldest, String latest, Page page) {
            return client.request("slack.conversations.history", params("channel", channel, "oldest", oldest, "latest", latest,
                    "cursor", page.cursor(), "limit", page.limit()), MessagePage.class);
        }
    }

    public final class Chat {
        /** Posts {@code text} to {@code channel}; never retried once it may have reached Slack. */
        public PostedMessage postMessage(String channel, String text) {
            return client.request("slack.chat.postMessage", params("channel", channel, "text", text), PostedMessage.class);
        }

        /** Replies in the thread of the message {@code threadTs}. */
        public PostedMessage reply(String channel, String threadTs, String text) {
            return client.request("slack.chat.postMessage", params("channel", channel, "text", text, "thread_ts", threadTs),
                    PostedMessage.class);
        }
    }

    public final class Users {
        public User info(String user) {
            return client.request("slack.users.info", params("user", user), User.class);
        }
    }

    /** Name/value pairs to a parameter map, leaving out nulls (unset optional parameters). */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
