package dev.integrator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.ConversationType;
import dev.integrator.sdk.SdkBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The slack operations' bindings: each turns the parameters its contract validated into the SDK's request. A parameter
 * left out is not set, so Slack applies its own default.
 */
final class SlackBindings {

    private SlackBindings() {
    }

    /** {@code methods}: the SDK's client, asked for at each call (it is made at the first, see {@link SlackSdk}). */
    static Map<String, SdkBinding> of(Supplier<MethodsClient> methods, SlackCall call) {
        return Map.of(
                "slack.conversations.list", (p, token) -> call.run("conversations.list", () -> methods.get().conversationsList(r -> r
                        .token(token).types(types(p.get("types"))).limit(integer(p, "limit")).cursor(text(p, "cursor")))),
                "slack.conversations.history", (p, token) -> call.run("conversations.history", () -> methods.get().conversationsHistory(r -> r
                        .token(token).channel(text(p, "channel")).cursor(text(p, "cursor")).oldest(text(p, "oldest"))
                        .latest(text(p, "latest")).limit(integer(p, "limit")))),
                "slack.chat.postMessage", (p, token) -> call.run("chat.postMessage", () -> methods.get().chatPostMessage(r -> r
                        .token(token).channel(text(p, "channel")).text(text(p, "text"))
                        .blocksAsString(p.hasNonNull("blocks") ? p.get("blocks").toString() : null)
                        .threadTs(text(p, "thread_ts")))),
                "slack.users.info", (p, token) -> call.run("users.info", () -> methods.get().usersInfo(r -> r
                        .token(token).user(text(p, "user")))));
    }

    private static String text(ObjectNode p, String name) {
        return p.hasNonNull(name) ? p.get(name).asText() : null;
    }

    private static Integer integer(ObjectNode p, String name) {
        return p.hasNonNull(name) ? p.get(name).asInt() : null;
    }

    /** The contract allows only Slack's four type names, which are the SDK enum's names in lower case. */
    private static List<ConversationType> types(JsonNode names) {
        if (names == null || names.isNull()) {
            return null;
        }
        List<ConversationType> types = new ArrayList<>();
        names.forEach(n -> types.add(ConversationType.valueOf(n.asText().toUpperCase(Locale.ROOT))));
        return types;
    }
}
