package dev.integrator.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.integrator.Envelope;
import dev.integrator.GitHubStub;
import dev.integrator.json.Json;
import dev.integrator.queue.ArtemisOnLoopback;
import dev.integrator.queue.QueueSettings;
import dev.integrator.runtime.Integrator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole scenario set with a canary as the provider's token, and a provider that echoes it back wherever it
 * can: error messages (whole, JSON-escaped, and cut by the message length limit), 422 field errors, data fields,
 * cookies, redirect URLs, drifted bodies. Neither the canary nor its first eight characters may appear in anything
 * captured: logs in both formats (ours, Camel's, the broker's, at DEBUG), envelopes from the direct endpoint and the
 * queue, dead letters, drift samples, the metrics scrape and the exported trace spans.
 */
class SecretHygieneTest extends GitHubStub {

    /** Not token-shaped: only the configured-secret rule can catch it. */
    private static final String CANARY = "canary" + HexFormat.of().formatHex(randomBytes());

    private static final String[] LOGGERS = {"integrator", "dev.integrator", "org.apache.camel", "org.apache.activemq",
            "io.github.resilience4j", "com.networknt", "org.springframework"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @TempDir
    Path data;

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    protected Map<String, String> env() {
        Map<String, String> env = super.env();
        env.put("GITHUB_TOKEN", CANARY);
        return env;
    }

    @Test
    void the_canary_secret_appears_nowhere_in_what_leaves_the_process() throws Exception {
        stubAnEchoingProvider();
        List<String> captured = new ArrayList<>();
        List<String> envelopes = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        try (LogCapture json = LogCapture.json(Level.DEBUG, LOGGERS); LogCapture text = LogCapture.text(Level.DEBUG, LOGGERS)) {
            integrator.close();
            integrator = Integrator.builder().env(env()).override("github", json(settings())).meterRegistry(registry).tracing(otel).start();
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("camel", "ok");
            expected.put("echo", "ok");
            expected.put("escaped", "ok");
            expected.put("private", "UNAUTHORIZED");
            expected.put("long", "UNAUTHORIZED");
            expected.put("form", "UNPROCESSABLE");
            expected.put("drift", "CONTRACT_VIOLATION");
            expected.put("moved", "UPSTREAM_ERROR");
            expected.put("down", "UPSTREAM_ERROR");
            expected.forEach((repo, code) -> {
                integrator.provider("github").reset(); // every scenario reaches the provider, none is cut short by an open breaker
                Envelope envelope = integrator.call("github.repos.get", repo("apache", repo));
                assertThat(envelope.ok() ? "ok" : envelope.error().code().name()).as(repo).isEqualTo(code);
                envelopes.add(json(envelope));
            });
            integrator.provider("github").reset();
            envelopes.add(json(integrator.call("github.issues.list",
                    Map.of("owner", "apache", "repo", "camel", "labels", "x" + CANARY.substring(0, 4)))));
            overTheQueue(envelopes, deadLetters);
            captured.add(json.output());
            captured.add(text.output());
            assertThat(json.output()).as("the logs were captured").contains("integrator.call").contains("UNAUTHORIZED");
        }

        assertThat(github.findAll(getRequestedFor(urlEqualTo("/repos/apache/private"))))
                .as("the canary is the token the provider saw").allMatch(r -> r.getHeader("Authorization").equals("Bearer " + CANARY));
        List<String> drift = driftSamples();
        assertThat(drift).as("a drift sample was written").isNotEmpty();
        assertThat(deadLetters).as("dead letters were written").isNotEmpty();
        assertThat(envelopes).anyMatch(e -> e.contains("UNAUTHORIZED")).anyMatch(e -> e.contains("UNPROCESSABLE"))
                .anyMatch(e -> e.contains("\"ok\":true"));

        List<String> exported = spans.getFinishedSpanItems().stream().map(Object::toString).toList();
        assertThat(exported).as("spans were exported").isNotEmpty().anyMatch(span -> span.contains("UNAUTHORIZED"));

        String fragment = CANARY.substring(0, 8);
        assertThat(envelopes).as("envelopes").noneMatch(e -> e.contains(fragment));
        assertThat(deadLetters).as("dead letters").noneMatch(d -> d.contains(fragment));
        assertThat(drift).as("drift samples").noneMatch(d -> d.contains(fragment));
        assertThat(registry.scrape()).as("metrics").doesNotContain(fragment);
        assertThat(captured).as("logs").noneMatch(l -> l.contains(fragment));
        assertThat(exported).as("trace spans").noneMatch(span -> span.contains(fragment));
    }

    private static String json(Envelope envelope) {
        try {
            return Json.MAPPER.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stubAnEchoingProvider() {
        String echoed = repoJson().replace("\"Apache Camel\"", "\"Apache Camel, token " + CANARY + "\"");
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "session=" + CANARY + "; HttpOnly").withBody(echoed)));
        github.stubFor(get("/repos/apache/echo").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(echoed.replace("\"apache/camel\"", "\"apache/echo\""))));
        github.stubFor(get("/repos/apache/private").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Bad credentials: token " + CANARY + " is revoked\"}")));
        github.stubFor(get("/repos/apache/form").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Validation Failed for " + CANARY + "\", \"errors\": [{\"resource\": \"Repo\", \"field\": \"token\","
                        + " \"code\": \"invalid\", \"message\": \"" + CANARY + " is not valid\"}]}")));
        github.stubFor(get("/repos/apache/drift").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(repoJson().replace("\"stargazers_count\": 5800", "\"stargazers_count\": \"" + CANARY + "\""))));
        github.stubFor(get("/repos/apache/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + github.port() + "/elsewhere?access_token=" + CANARY + "&page=1")));
        github.stubFor(get(urlEqualTo("/elsewhere?access_token=" + CANARY + "&page=1")).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\": \"no " + CANARY + " here\"}")));
        String escaped = CANARY.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
        github.stubFor(get("/repos/apache/escaped").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(repoJson().replace("\"Apache Camel\"", "\"Apache Camel " + escaped + "\""))));
        github.stubFor(get("/repos/apache/long").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"" + "y".repeat(290) + " " + CANARY + "\"}")));
        github.stubFor(get("/repos/apache/down").willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"maintenance, your token " + CANARY + " is fine\"}")));
        github.stubFor(get(urlEqualTo("/repos/apache/camel/issues?labels=x" + CANARY.substring(0, 4))).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Resource not accessible by " + CANARY + "\"}")));
    }

    /** The same failures through the queue front door: a reply for one, a dead letter for one with nobody to tell. */
    private void overTheQueue(List<String> envelopes, List<String> deadLetters) throws Exception {
        try (ArtemisOnLoopback artemis = ArtemisOnLoopback.start(integrator, data, Map.of());
                Connection connection = artemis.client().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(QueueSettings.queueOf("github.repos.get"));
            Queue replies = session.createTemporaryQueue();
            TextMessage request = session.createTextMessage("{\"owner\":\"apache\",\"repo\":\"private\"}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("canary-run-1");
            session.createProducer(queue).send(request);
            try (MessageConsumer consumer = session.createConsumer(replies)) {
                TextMessage reply = (TextMessage) consumer.receive(15_000);
                assertThat(reply).as("a reply").isNotNull();
                envelopes.add(reply.getText());
            }
            session.createProducer(queue).send(session.createTextMessage("{\"owner\":\"apache\",\"repo\":\"form\"}"));
            Queue dlq = session.createQueue(QueueSettings.DLQ);
            await().atMost(Duration.ofSeconds(15)).until(() -> !browse(session, dlq).isEmpty());
            deadLetters.addAll(browse(session, dlq));
        }
    }

    private static List<String> browse(Session session, Queue queue) throws Exception {
        List<String> all = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                Message m = (Message) e.nextElement();
                StringBuilder text = new StringBuilder(m instanceof TextMessage t ? t.getText() : new String(m.getBody(byte[].class)));
                for (Object name : Collections.list(m.getPropertyNames())) {
                    text.append('\n').append(name).append('=').append(m.getObjectProperty((String) name));
                }
                all.add(text.toString());
            }
        }
        return all;
    }

    private List<String> driftSamples() throws IOException {
        try (Stream<Path> files = Files.walk(driftDir)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
