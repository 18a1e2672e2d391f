package dev.integrator.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.integrator.GitHubStub;
import dev.integrator.queue.BrokerClient.Reply;
import dev.integrator.queue.BrokerClient.Request;
import dev.integrator.runtime.Integrator;
import dev.integrator.scenarios.AcmeUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the queue front door promises on every broker, run once per broker by a subclass that starts the broker and
 * connects a {@link BrokerClient} to it. A subclass adds only what is its broker's own.
 */
abstract class FrontDoorScenarios extends GitHubStub {

    /** The front door's message size limit in the scenarios. */
    static final int MAX_MESSAGE_BYTES = 2000;

    /**
     * One operation the scenarios call, and the provider's answers to it: nothing else here knows the provider.
     * {@code incomplete} fails request validation, which names {@code missing}; {@code upstreamPath} is what it GETs.
     */
    record Operation(String id, String request, String incomplete, String missing, String upstreamPath,
            ResponseDefinitionBuilder ok, ResponseDefinitionBuilder notFound) {

        String queue() {
            return QueueSettings.queueOf(id);
        }
    }

    static final Operation REPOS_GET = new Operation("github.repos.get", "{\"owner\":\"apache\",\"repo\":\"camel\"}",
            "{\"owner\":\"apache\"}", "/repo", "/repos/apache/camel", okJson(repoJson()),
            jsonResponse(Map.of("message", "Not Found"), 404));

    /** A write of a provider that takes idempotency keys (Acme, a test provider), as a queue request. */
    static final String KEYED_WRITE = "acme.payment_intents.create";
    static final String KEYED_REQUEST = "{\"amount\": 2000, \"currency\": \"eur\", \"customer\": \"cus_A1\"}";
    static final String KEYED_HEADER = "Acme-Idempotency-Key";
    /** The queues a front door over Acme's operations declares. */
    static final List<String> KEYED_QUEUES = List.of("integrator.acme.customers.get", "integrator.acme.customers.list",
            QueueSettings.queueOf(KEYED_WRITE));

    /** An operation-shaped name no route owns. */
    static final String UNKNOWN_OPERATION = "github.issues.delete";

    @TempDir
    Path data;

    protected QueueFrontDoor door;
    protected BrokerClient client;

    /** Starts the front door on the broker with {@link #MAX_MESSAGE_BYTES}, sets {@link #door} and {@link #client}. */
    protected abstract void startBroker(Path data) throws Exception;

    /** Closes what {@link #startBroker} opened, leaving nothing of the test in the broker. */
    protected abstract void stopBroker() throws Exception;

    /** What the sender of a request for {@code operation}, which does not exist, is told. */
    protected abstract String unknownOperationRefusal(String operation);

    /** The delivery limit the broker was started with. */
    protected abstract int maxDeliveries();

    /** The operation every scenario calls; a test of another provider overrides it. */
    protected Operation operation() {
        return REPOS_GET;
    }

    @BeforeEach
    void startFrontDoor() throws Exception {
        startBroker(data);
    }

    @AfterEach
    void stopFrontDoor() throws Exception {
        stopBroker();
    }

    protected void upstreamAnswers(ResponseDefinitionBuilder answer) {
        github.stubFor(get(urlEqualTo(operation().upstreamPath())).willReturn(answer));
    }

    private int upstreamCalls() {
        return github.countRequestsMatching(getRequestedFor(urlEqualTo(operation().upstreamPath())).build()).getCount();
    }

    /** Sends {@code body} with a reply-to of the client's own and returns the envelope of the reply, checking its correlation id. */
    protected JsonNode requestReply(String queue, String body, String correlationId) throws Exception {
        String replies = client.replyQueue();
        client.send(queue, Request.replyTo(replies, correlationId, body));
        Reply reply = client.receive(replies, Duration.ofSeconds(15));
        assertThat(reply).as("a reply on reply-to").isNotNull();
        assertThat(reply.correlationId()).isEqualTo(correlationId);
        return reply.envelope();
    }

    private double counted(String queue, String outcome) {
        var counter = integrator.meterRegistry().find("integrator.queue.messages").tag("queue", queue).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_request_gets_the_ok_envelope_on_reply_to_with_its_correlation_id() throws Exception {
        upstreamAnswers(operation().ok());

        JsonNode envelope = requestReply(operation().queue(), operation().request(), "corr-1");

        assertThat(envelope.path("ok").asBoolean()).isTrue();
        assertThat(envelope.path("data").isObject()).isTrue();
        assertThat(envelope.path("meta").path("operation").asText()).isEqualTo(operation().id());
        assertThat(envelope.path("meta").path("correlationId").asText()).isEqualTo("corr-1");
        github.verify(getRequestedFor(urlEqualTo(operation().upstreamPath())).withHeader("X-Correlation-Id", equalTo("corr-1")));
        assertThat(door.broker().deadLetters().list()).isEmpty();
        // The reply may reach the client before the front door has counted it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(counted(operation().queue(), "consumed")).as("consumed").isEqualTo(1);
            assertThat(counted(operation().queue(), "replied")).as("replied").isEqualTo(1);
        });
    }

    @Test
    void a_failed_call_gets_the_error_envelope_and_is_not_dead_lettered() throws Exception {
        upstreamAnswers(operation().notFound());

        JsonNode envelope = requestReply(operation().queue(), operation().request(), "corr-2");

        assertThat(envelope.path("ok").asBoolean()).isFalse();
        assertThat(envelope.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_malformed_request_gets_an_error_reply_and_a_dead_letter_with_the_reason() throws Exception {
        JsonNode notJson = requestReply(operation().queue(), "owner=apache", "corr-3");
        JsonNode notAnObject = requestReply(operation().queue(), "[1, 2]", "corr-3a");
        JsonNode incomplete = requestReply(operation().queue(), operation().incomplete(), "corr-4");
        JsonNode tooBig = requestReply(operation().queue(), "{\"owner\":\"" + "a".repeat(MAX_MESSAGE_BYTES + 1000) + "\"}", "corr-5");

        for (JsonNode envelope : new JsonNode[] {notJson, notAnObject, incomplete, tooBig}) {
            assertThat(envelope.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(notJson.path("error").path("message").asText()).isEqualTo("request body is not JSON");
        assertThat(notAnObject.path("error").path("message").asText()).isEqualTo("request body must be a JSON object of parameters");
        assertThat(incomplete.path("error").path("message").asText()).contains(operation().missing());
        assertThat(tooBig.path("error").path("message").asText()).contains("over the limit of " + MAX_MESSAGE_BYTES + " bytes");
        assertThat(door.broker().deadLetters().list()).allSatisfy(d -> assertThat(d.queue()).isEqualTo(operation().queue()))
                .extracting(Broker.DeadLetter::reason).containsExactlyInAnyOrder("request body is not JSON",
                        "request body must be a JSON object of parameters",
                        "invalid request: " + incomplete.path("error").path("message").asText(),
                        tooBig.path("error").path("message").asText());
        assertThat(requests()).as("no call reached the provider").isEmpty();
    }

    @Test
    void a_failure_with_nobody_to_tell_is_dead_lettered_and_a_replay_processes_it_again() throws Exception {
        upstreamAnswers(operation().notFound());
        client.send(operation().queue(), Request.fireAndForget("m-1", operation().request()));

        await().atMost(Duration.ofSeconds(15)).until(() -> door.broker().deadLetters().list().size() == 1);
        Broker.DeadLetter letter = door.broker().deadLetters().list().get(0);
        assertThat(letter.queue()).isEqualTo(operation().queue());
        assertThat(letter.reason()).isEqualTo("failed with NOT_FOUND and the request has no reply-to");

        upstreamAnswers(operation().ok());
        assertThat(door.broker().deadLetters().replay(letter.id()).moved()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> upstreamCalls() == 2);
        assertThat(door.broker().deadLetters().list()).isEmpty();
    }

    @Test
    void a_request_for_an_unknown_operation_is_refused_to_its_sender_and_reaches_no_provider() throws Exception {
        String replies = client.replyQueue();

        String refusal = client.refusalOfUnknownOperation(QueueSettings.queueOf(UNKNOWN_OPERATION),
                Request.replyTo(replies, "corr-6", operation().request()));

        assertThat(refusal).as("the sender is told").isNotNull().contains(unknownOperationRefusal(UNKNOWN_OPERATION));
        assertThat(requests()).as("no call reached the provider").isEmpty();
        assertThat(integrator.meterRegistry().find("integrator.queue.messages").tag("queue", QueueSettings.queueOf(UNKNOWN_OPERATION))
                .meters()).as("a queue name a client made up is no tag value").isEmpty();
    }

    @Test
    void a_message_that_is_never_acknowledged_is_dead_lettered_by_the_delivery_limit() throws Exception {
        // A consumer that fails every time, as a crash would: ours stops, the client takes and hands back every delivery.
        integrator.camel().getRouteController().stopRoute("queue." + operation().queue());
        client.send(operation().queue(), Request.fireAndForget("m-2", operation().request()));

        int deliveries = client.handBackEveryDelivery(operation().queue());

        assertThat(deliveries).as("deliveries: exactly the limit").isEqualTo(maxDeliveries());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> {
                    assertThat(d.queue()).isEqualTo(operation().queue());
                    assertThat(d.reason()).contains("without", "acknowledge");
                }));
        assertThat(requests()).as("the operation never ran").isEmpty();
    }


    /** Restarts the integrator on Acme's definitions, its base URL the stub, and the front door over it. */
    protected void restartOnKeyedProvider() throws Exception {
        stopBroker();
        integrator.close();
        integrator = Integrator.builder().home(AcmeUnderTest.copyHome(data.resolve("keyed")))
                .env(Map.of("ACME_BASE_URL", github.baseUrl(), "INTEGRATOR_DRIFT_DIR", driftDir.toString()))
                .override("acme", json(settings())).start();
        startBroker(data);
        github.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(okJson("""
                {"id": "pi_3Nq", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
                 "customer": "cus_A1", "created": 1795693200}
                """)));
    }

    /** The idempotency keys of the keyed writes that reached the provider. */
    protected List<String> keysSent() {
        return github.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))).stream().map(r -> r.getHeader(KEYED_HEADER)).toList();
    }

    @Test
    void a_keyed_write_redelivered_after_a_refused_reply_carries_the_same_key_on_every_delivery() throws Exception {
        restartOnKeyedProvider();

        // No correlation id: the key comes from the message id the client or the broker gave the message.
        client.send(QueueSettings.queueOf(KEYED_WRITE), new Request(KEYED_REQUEST, client.refusingReplyQueue(), null, "m-keyed"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> assertThat(d.reason()).contains("without", "acknowledge")));
        List<String> keys = keysSent();
        assertThat(keys).as("one call per delivery, each with a key").hasSize(maxDeliveries()).doesNotContainNull();
        assertThat(keys).as("one key for all deliveries").containsOnly(keys.get(0));
        assertThat(keys.get(0)).startsWith(KEYED_WRITE + ":");
    }

    @Test
    void a_reply_the_broker_refuses_leaves_the_request_unacknowledged_until_the_delivery_limit_dead_letters_it() throws Exception {
        upstreamAnswers(operation().ok());

        client.send(operation().queue(), Request.replyTo(client.refusingReplyQueue(), "corr-full", operation().request()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                .satisfies(d -> {
                    assertThat(d.queue()).isEqualTo(operation().queue());
                    assertThat(d.reason()).contains("without", "acknowledge");
                }));
        assertThat(upstreamCalls()).as("one call per delivery").isEqualTo(maxDeliveries());
    }

    @Test
    void a_dead_letter_the_broker_refuses_sends_the_request_back_until_the_dead_letter_queue_takes_it() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger frontDoor = (Logger) LoggerFactory.getLogger(FrontDoor.class);
        try (BrokerClient.FullDeadLetterQueue full = client.refuseDeadLetters()) {
            frontDoor.addAppender(log);
            try {
                client.send(operation().queue(), Request.fireAndForget("m-3", "not json"));
                await().atMost(Duration.ofSeconds(15)).until(() -> counted(operation().queue(), "consumed") >= 2);
            } finally {
                frontDoor.detachAppender(log);
            }
            assertThat(door.broker().deadLetters().list()).as("only the filler").hasSize(1);
            assertThat(log.list).as("the refusal is logged").anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("the broker did not take the dead letter for a request on " + operation().queue()));

            full.takeFiller();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(door.broker().deadLetters().list()).singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("request body is not JSON")));
        }
    }
}
