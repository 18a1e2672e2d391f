package dev.integrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import dev.integrator.sandbox.SlackStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code integrator call} on an SDK-backed operation, against the sandbox's Slack stand-in through SLACK_BASE_URL. */
class SlackCommandLineTest {

    @TempDir
    Path dir;
    private final SlackStandIn slack = SlackStandIn.start();
    private final CommandLine cli = new CommandLine();

    @AfterEach
    void stop() {
        slack.close();
    }

    private Map<String, String> env() {
        return Map.of("SLACK_BASE_URL", slack.baseUrl(), "SLACK_BOT_TOKEN", "xoxb-1111-2222-sandboxtoken",
                "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString());
    }

    @Test
    void a_conversations_list_with_limit_2_prints_a_page_with_a_cursor_and_the_cursor_leads_to_the_last_page() throws Exception {
        assertThat(cli.run(env(), "call", "slack.conversations.list", "limit=2")).as(cli.stderr()).isZero();

        JsonNode first = Json.MAPPER.readTree(cli.stdout());
        assertThat(first.at("/meta/operation").asText()).isEqualTo("slack.conversations.list");
        assertThat(first.at("/meta/contract").asText()).isEqualTo("slack.conversations.v1");
        assertThat(first.at("/data/items")).hasSize(2);
        assertThat(first.at("/data/items/0/name").asText()).isEqualTo("general");
        String cursor = first.at("/data/nextCursor").asText(null);
        assertThat(cursor).isNotBlank();

        List<String> names = new ArrayList<>();
        first.at("/data/items").forEach(c -> names.add(c.path("name").asText()));
        JsonNode page = first;
        while (!page.at("/data/nextCursor").isNull()) {
            assertThat(cli.run(env(), "call", "slack.conversations.list", "limit=2", "cursor=" + page.at("/data/nextCursor").asText()))
                    .as(cli.stdout()).isZero();
            page = Json.MAPPER.readTree(cli.stdout());
            page.at("/data/items").forEach(c -> names.add(c.path("name").asText()));
        }
        assertThat(names).containsExactly("general", "random", "deploys", "incident-review", "old-project");
    }

    @Test
    void a_slack_error_is_the_typed_envelope_and_exit_1() throws Exception {
        assertThat(cli.run(env(), "call", "slack.conversations.list", "types=im")).isEqualTo(1);

        JsonNode envelope = Json.MAPPER.readTree(cli.stdout());
        assertThat(envelope.at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(envelope.at("/error/details/0/needed").asText()).isEqualTo("im:read");
    }
}
