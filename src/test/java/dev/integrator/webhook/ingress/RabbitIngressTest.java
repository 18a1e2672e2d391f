package dev.integrator.webhook.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.integrator.fixture.EventFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With INTEGRATOR_BROKER=rabbitmq an event is answered 2xx only after RabbitMQ's publisher confirm, and a RabbitMQ
 * that is gone (a proxy the test cuts, never the shared broker itself) is a 503 the provider's retry recovers from.
 */
// Each test starts (or posts to) a whole integrator run assembly: longer than the default timeout on a busy machine.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RabbitIngressTest {

    static final String QUEUE = "integrator.events.github.issues";

    @TempDir
    Path data;

    @BeforeEach
    void vhost() throws Exception {
        RabbitVhost.require();
        RabbitVhost.delete(List.of(QUEUE));
    }

    private IngressUnderTest start(String rabbitUrl) throws Exception {
        return IngressUnderTest.start(data, Map.of("GITHUB_WEBHOOK_SECRET", GitHubIngressTest.SECRET,
                "INTEGRATOR_BROKER", "rabbitmq",
                "RABBITMQ_URL", rabbitUrl), Map.of());
    }

    @Test
    void a_signed_event_is_on_the_rabbitmq_queue_as_the_dto_when_it_is_answered_202() throws Exception {
        EventFixture opened = GitHubIngressTest.fixture("github.events.issues.v1", "good", "opened");
        byte[] body = GitHubIngressTest.body(opened);
        try (IngressUnderTest ingress = start(RabbitVhost.url());
                Connection c = RabbitVhost.connect("webhook-test"); Channel ch = c.createChannel()) {
            HttpResponse<String> answer = ingress.post("github", Signing.github(GitHubIngressTest.SECRET, "issues",
                    UUID.randomUUID().toString(), body), body);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            var queued = RabbitVhost.drain(ch, QUEUE);
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).path("data")).isEqualTo(opened.dto());
            assertThat(queued.get(0).path("meta").path("contract").asText()).isEqualTo("github.events.issues.v1");
        }
    }

    @Test
    void a_rabbitmq_that_is_gone_is_503_with_retry_after_and_the_retry_is_stored_once_it_is_back() throws Exception {
        byte[] body = GitHubIngressTest.body(GitHubIngressTest.fixture("github.events.issues.v1", "good", "edited"));
        Map<String, String> headers = Signing.github(GitHubIngressTest.SECRET, "issues", UUID.randomUUID().toString(),
                body);
        try (TcpProxy proxy = new TcpProxy(5672);
                IngressUnderTest ingress = start("amqp://guest:guest@127.0.0.1:" + proxy.port() + "/"
                        + RabbitVhost.NAME);
                Connection c = RabbitVhost.connect("webhook-test"); Channel ch = c.createChannel()) {
            proxy.cut();

            HttpResponse<String> down = ingress.post("github", headers, body);

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(RabbitVhost.drain(ch, QUEUE)).isEmpty();

            proxy.restore();
            HttpResponse<String> retry = ingress.post("github", headers, body);

            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(RabbitVhost.drain(ch, QUEUE)).hasSize(1);
            assertThat(ingress.count("github", "unavailable")).isEqualTo(1);
            assertThat(ingress.count("github", "accepted")).isEqualTo(1);
        }
    }
}
