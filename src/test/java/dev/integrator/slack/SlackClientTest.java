package dev.integrator.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.SlackStandIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed client over a running integrator and the Slack stand-in: our records in, our records and errors out. */
class SlackClientTest {

    private SlackStandIn standIn;
    private Integrator integrator;
    private Slack slack;

    @BeforeEach
    void start() {
        standIn = SlackStandIn.start();
        integrator = Integrator.builder().env(Map.of("SLACK_BASE_URL", standIn.baseUrl(), "SLACK_BOT_TOKEN", SlackStub.TOKEN))
                .withoutOperationBudgets().driftSamples(0).start();
        slack = Slack.on(integrator);
    }

    @AfterEach
    void stop() {
        integrator.close();
        standIn.close();
    }

    @Test
    void pages_of_conversations_follow_the_cursor_until_it_is_null() {
        List<String> ids = new ArrayList<>();
        Slack.Page page = Slack.Page.first(2);
        ChannelPage channels;
        do {
            channels = slack.conversations().list(List.of("public_channel", "private_channel"), page);
            channels.items().forEach(c -> ids.add(c.id()));
            page = page.next(channels.nextCursor());
        } while (channels.nextCursor() != null);

        assertThat(ids).containsExactly("C012AB3CD", "C061EG9T2", "C0DEPLOYS1", "G0AKFJBEU", "C0ARCHIVE1");
    }

    @Test
    void a_posted_reply_shows_in_the_history_and_the_author_is_a_user_record() {
        PostedMessage posted = slack.chat().postMessage("C061EG9T2", "deploy started");
        PostedMessage reply = slack.chat().reply("C061EG9T2", posted.ts(), "deploy finished");

        MessagePage history = slack.conversations().history("C061EG9T2", null, null, Slack.Page.first(10));

        assertThat(reply.threadTs()).isEqualTo(posted.ts());
        assertThat(history.items()).extracting(Message::text).containsExactly("deploy finished", "deploy started");
        assertThat(slack.users().info(history.items().get(0).user())).extracting(User::name, User::isBot)
                .containsExactly("deploybot", true);
    }

    @Test
    void slack_errors_arrive_as_typed_exceptions() {
        assertThatThrownBy(() -> slack.chat().postMessage("C0ARCHIVE1", "hello"))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.details()).contains(Map.of("error", "is_archived"));
                });
        assertThatThrownBy(() -> slack.users().info("U0NOBODY1"))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
