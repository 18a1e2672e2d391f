package dev.integrator.cli;

import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.SlackStandIn;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Slack act: the same chain around Slack's Java SDK (kind sdk), against the sandbox's Slack stand-in. Cursor
 * pages, a 429 waited out by the chain (the SDK's own retries are off), a post, and Slack's {@code ok: false} mapped
 * to our codes.
 */
final class SlackDemoAct {

    /** The stand-in accepts any bot token; this one stands for the real SLACK_BOT_TOKEN. */
    private static final String SANDBOX_TOKEN = "xoxb-0000000000-0000000000-sandboxdemotoken";

    private SlackDemoAct() {
    }

    /** {@code env} with Slack pointed at the stand-in. */
    static Map<String, String> env(Map<String, String> env, SlackStandIn slack) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SLACK_BASE_URL", slack.baseUrl());
        all.put("SLACK_BOT_TOKEN", SANDBOX_TOKEN);
        return all;
    }

    static List<DemoCommand.Step> run(PrintStream out, SlackStandIn slack, Integrator integrator) {
        out.println("integrator demo: Slack through its Java SDK, sandbox Slack at " + slack.baseUrl() + "\n");
        List<DemoCommand.Step> steps = new ArrayList<>();
        DemoCommand.Step first = step(out, slack, integrator, "Slack SDK: page 1 (next_cursor -> nextCursor)", null,
                "slack.conversations.list", Map.of("limit", 2));
        steps.add(first);
        if (first.envelope().ok()) {
            // The DTO's JSON form, as a caller of the queue or the command line sees it: the core knows no provider's records.
            String cursor = Json.MAPPER.valueToTree(first.envelope().data()).path("nextCursor").asText();
            steps.add(step(out, slack, integrator, "Slack SDK: page 2 by its cursor, Tier 2 budget", null,
                    "slack.conversations.list", Map.of("limit", 2, "cursor", cursor)));
        }
        steps.add(step(out, slack, integrator, "Slack SDK: a 429 with Retry-After: 1, waited out", null,
                "slack.conversations.history", Map.of("channel", SlackStandIn.BUSY, "limit", 5)));
        steps.add(step(out, slack, integrator, "Slack SDK: chat.postMessage, a write never resent", null,
                "slack.chat.postMessage", Map.of("channel", "C0DEPLOYS1", "text", "deploy finished")));
        steps.add(step(out, slack, integrator, "Slack SDK: ok:false missing_scope -> FORBIDDEN",
                ErrorCode.FORBIDDEN, "slack.conversations.list", Map.of("types", List.of("im"))));
        return steps;
    }

    private static DemoCommand.Step step(PrintStream out, SlackStandIn slack, Integrator integrator, String title, ErrorCode expected,
            String operation, Map<String, ?> params) {
        int before = slack.requests();
        Envelope envelope = integrator.call(operation, params);
        out.println("== " + title + ": " + operation + " " + params);
        EnvelopePrinter.print(out, envelope);
        out.println();
        return new DemoCommand.Step(title, expected, envelope, slack.requests() - before);
    }
}
