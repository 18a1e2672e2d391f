package dev.integrator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The four methods of the Slack stand-in over its workspace, each answering as Slack does for its parameters. */
final class SlackMethods {

    private final SlackWorkspace workspace;

    SlackMethods(SlackWorkspace workspace) {
        this.workspace = workspace;
    }

    synchronized ObjectNode answer(String method, Map<String, String> p) {
        return switch (method) {
            case "conversations.list" -> list(p);
            case "conversations.history" -> history(p);
            case "chat.postMessage" -> post(p);
            case "users.info" -> workspace.users.containsKey(p.get("user"))
                    ? ok().set("user", workspace.users.get(p.get("user"))) : error("user_not_found");
            default -> error("unknown_method");
        };
    }

    private ObjectNode list(Map<String, String> p) {
        if (p.getOrDefault("types", "").contains("im")) {
            return error("missing_scope").put("needed", "im:read").put("provided", "channels:read,groups:read,chat:write,users:read");
        }
        return page(workspace.channels, p, "channels");
    }

    private ObjectNode history(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || !workspace.hasChannel(channel)) {
            return error("channel_not_found");
        }
        ObjectNode page = page(workspace.messages.get(channel), p, "messages");
        return page.put("has_more", !page.path("response_metadata").path("next_cursor").asText().isEmpty()).put("pin_count", 0);
    }

    private ObjectNode post(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || !workspace.hasChannel(channel)) {
            return error("channel_not_found");
        }
        if (channel.equals(SlackWorkspace.ARCHIVED)) {
            return error("is_archived");
        }
        String text = p.getOrDefault("text", "");
        if (text.isEmpty() && !p.containsKey("blocks")) {
            return error("no_text");
        }
        ObjectNode message = workspace.post(channel, "U0BOTUSER", text, p.get("thread_ts")).deepCopy();
        message.put("bot_id", "B19LU7CSY");
        return ok().put("channel", channel).put("ts", message.path("ts").asText()).set("message", message);
    }

    /**
     * One page of {@code items} from the cursor (Slack's cursors are opaque: here the base64 of the next offset) and the
     * limit; the next cursor is empty on the last page.
     */
    private static ObjectNode page(List<ObjectNode> items, Map<String, String> p, String field) {
        int from = 0;
        if (p.containsKey("cursor")) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(p.get("cursor")), StandardCharsets.UTF_8).substring("next:".length()));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return error("invalid_cursor");
            }
        }
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        int to = Math.min(items.size(), from + limit);
        String next = to < items.size() ? Base64.getEncoder().encodeToString(("next:" + to).getBytes(StandardCharsets.UTF_8)) : "";
        ObjectNode answer = ok();
        answer.set(field, SlackWorkspace.array(items.subList(Math.min(from, items.size()), to)));
        answer.putObject("response_metadata").put("next_cursor", next);
        return answer;
    }

    private static ObjectNode ok() {
        return SlackWorkspace.JSON.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String error) {
        return SlackWorkspace.JSON.createObjectNode().put("ok", false).put("error", error);
    }
}
