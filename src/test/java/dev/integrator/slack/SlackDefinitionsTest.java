package dev.integrator.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.slack.api.methods.MethodsRateLimitTier;
import com.slack.api.methods.MethodsRateLimits;
import dev.integrator.ConfigurationException;
import dev.integrator.TempHome;
import dev.integrator.chain.OperationSpec;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slack routes are SDK-backed operations: each names a binding on the class path, its budget is its method's tier
 * in the SDK's own table, and a route that says the wrong thing about how it reaches the provider does not start.
 */
class SlackDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void every_slack_operation_runs_through_its_sdk_binding_and_its_budget_is_the_sdk_tier_of_its_method() {
        try (Integrator integrator = Integrator.builder().env(Map.of()).start()) {
            var slack = integrator.operations().all().stream().filter(op -> op.id().startsWith("slack.")).toList();

            assertThat(slack).extracting(OperationSpec::id).containsExactlyInAnyOrder("slack.conversations.list",
                    "slack.conversations.history", "slack.chat.postMessage", "slack.users.info");
            for (OperationSpec op : slack) {
                String method = op.id().substring("slack.".length());
                MethodsRateLimitTier tier = MethodsRateLimits.lookupRateLimitTier(method);
                assertThat(op.binding()).as(op.id()).isNotNull();
                assertThat(op.budget().requestsPerSecond()).as(op.id() + " " + tier)
                        .isCloseTo(MethodsRateLimitTier.getAllowedRequestsPerMinute(tier) / 60.0, within(0.001));
            }
        }
    }

    @Test
    void an_unknown_binding_a_binding_on_an_http_route_and_an_unknown_kind_are_reported_together() throws IOException {
        TempHome home = TempHome.copyOf(dir, "routes", "contracts");
        home.edit("routes/slack/users.yaml", "{name: binding, value: slack.users.info}", "{name: binding, value: slack.users.lookup}");
        home.edit("routes/slack/chat.yaml", "{name: kind, value: sdk}", "{name: kind, value: http}");
        home.edit("routes/slack/conversations.yaml", "{name: kind, value: sdk}", "{name: kind, value: grpc}");

        assertThatThrownBy(() -> Integrator.builder().home(home.path()).env(Map.of()).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("operation slack.users.info: kind sdk needs the name of an SDK binding on the class path "
                        + "[slack.chat.postMessage, slack.conversations.history, slack.conversations.list, slack.users.info], "
                        + "but binding was 'slack.users.lookup'")
                .hasMessageContaining("operation slack.chat.postMessage: binding is for kind sdk; kind http calls method and path, "
                        + "but binding was slack.chat.postMessage")
                .hasMessageContaining("operation slack.conversations.list: kind must be one of [http, sdk], but was grpc");
    }
}
