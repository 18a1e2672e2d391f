package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.queue.BrokerClient.Reply;
import dev.integrator.queue.BrokerClient.Request;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.SlackStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SDK-backed operation is a queue consumer like any other: a request on its queue gets the envelope on reply-to. */
class SlackQueueTest {

    @TempDir
    Path data;
    private SlackStandIn slack;
    private Integrator integrator;
    private ArtemisOnLoopback artemis;
    private JmsClient client;

    @BeforeEach
    void start() throws Exception {
        slack = SlackStandIn.start();
        integrator = Integrator.builder().env(Map.of("SLACK_BASE_URL", slack.baseUrl(), "SLACK_BOT_TOKEN", "xoxb-1111-2222-sandboxtoken"))
                .driftSamples(0).start();
        artemis = ArtemisOnLoopback.start(integrator, data, Map.of());
        client = new JmsClient(artemis.client());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        artemis.close();
        integrator.close();
        slack.close();
    }

    @Test
    void a_conversations_list_request_on_the_embedded_broker_is_answered_with_a_page_and_its_cursor() throws Exception {
        String replies = client.replyQueue();

        client.send("integrator.slack.conversations.list", Request.replyTo(replies, "slack-corr-1", "{\"limit\": 2}"));
        Reply reply = client.receive(replies, Duration.ofSeconds(25));

        assertThat(reply).as("a reply on reply-to").isNotNull();
        assertThat(reply.correlationId()).isEqualTo("slack-corr-1");
        JsonNode envelope = reply.envelope();
        assertThat(envelope.path("ok").asBoolean()).as("%s", envelope).isTrue();
        assertThat(envelope.at("/data/items")).hasSize(2);
        assertThat(envelope.at("/data/nextCursor").asText()).isNotBlank();
        assertThat(envelope.at("/meta/correlationId").asText()).isEqualTo("slack-corr-1");
        assertThat(artemis.door().broker().deadLetters().list()).isEmpty();
    }
}
