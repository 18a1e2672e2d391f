package dev.integrator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Slack stand-in's workspace: channels, members and each channel's messages, in the shapes Slack's Web API
 * answers with (its documented examples). Messages posted through the stand-in are added to their channel.
 */
final class SlackWorkspace {

    /** The stand-in's JSON: the sandbox sits below the project's own JSON settings and needs none of them. */
    static final ObjectMapper JSON = new ObjectMapper();
    /** A channel's id that exists but is archived: posting there is {@code is_archived}. */
    static final String ARCHIVED = "C0ARCHIVE1";

    final List<ObjectNode> channels = new ArrayList<>();
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final Map<String, List<ObjectNode>> messages = new LinkedHashMap<>();
    private long clock = 1_512_085_950L;

    SlackWorkspace() {
        channel("C012AB3CD", "general", false, false, "Company-wide announcements and work-based matters");
        channel("C061EG9T2", "random", false, false, "Non-work banter and water cooler conversation");
        channel("C0DEPLOYS1", "deploys", false, false, "Release notes from the deploy bot");
        channel("G0AKFJBEU", "incident-review", true, false, "");
        channel(ARCHIVED, "old-project", false, true, "Archived");
        user("W012A3CDE", "spengler", "Egon Spengler", false);
        user("U061F7AUR", "venkman", "Peter Venkman", false);
        user("U0BOTUSER", "deploybot", "Deploy Bot", true);
        for (String text : List.of("I find you punny and would like to smell your nose letter", "What, you want to smell my shoes better?",
                "deploy 2026.11.30 started", "deploy 2026.11.30 finished")) {
            post("C012AB3CD", "W012A3CDE", text, null);
        }
    }

    private void channel(String id, String name, boolean isPrivate, boolean archived, String topic) {
        ObjectNode c = JSON.createObjectNode().put("id", id).put("name", name).put("name_normalized", name)
                .put("is_channel", !isPrivate).put("is_group", isPrivate).put("is_im", false).put("is_mpim", false)
                .put("is_private", isPrivate).put("is_archived", archived).put("is_general", name.equals("general"))
                .put("is_member", true).put("created", 1_449_252_889L).put("creator", "W012A3CDE").put("num_members", 4);
        c.putObject("topic").put("value", topic).put("creator", "").put("last_set", 0);
        c.putObject("purpose").put("value", "").put("creator", "").put("last_set", 0);
        channels.add(c);
        messages.put(id, new ArrayList<>());
    }

    private void user(String id, String name, String realName, boolean bot) {
        ObjectNode u = JSON.createObjectNode().put("id", id).put("team_id", "T012AB3C4").put("name", name)
                .put("deleted", false).put("real_name", realName).put("tz", "America/Los_Angeles")
                .put("tz_label", "Pacific Standard Time").put("tz_offset", -28800).put("is_bot", bot).put("updated", 1_502_138_686L);
        u.putObject("profile").put("real_name", realName).put("display_name", name).put("team", "T012AB3C4");
        users.put(id, u);
    }

    /** Adds a message to {@code channel}, newest first as history answers, and returns it. */
    ObjectNode post(String channel, String user, String text, String threadTs) {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("user", user).put("text", text)
                .put("ts", (clock++) + ".000" + (100 + messages.get(channel).size()));
        if (threadTs != null) {
            m.put("thread_ts", threadTs);
        }
        messages.get(channel).add(0, m);
        return m;
    }

    boolean hasChannel(String id) {
        return messages.containsKey(id);
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(array::add);
        return array;
    }
}
