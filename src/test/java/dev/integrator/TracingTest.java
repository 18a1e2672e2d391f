package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.observe.Tracing;
import dev.integrator.runtime.Integrator;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Tracing is off by default; when on, every upstream attempt carries a W3C traceparent of the call's trace, the
 * spans reach the exporter, and the call's log events carry the trace and span ids in the MDC, only while the call runs.
 */
class TracingTest extends GitHubStub {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final Logger integratorLogger = (Logger) LoggerFactory.getLogger("integrator");
    private final EventsWithMdc events = new EventsWithMdc();
    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        levelBefore = integratorLogger.getLevel();
        integratorLogger.setLevel(Level.DEBUG);
        events.start();
        integratorLogger.addAppender(events);
    }

    @AfterEach
    void releaseLogs() {
        integratorLogger.detachAppender(events);
        integratorLogger.setLevel(levelBefore);
        otel.close();
    }

    @Test
    void with_tracing_on_the_upstream_request_the_spans_and_the_outcome_log_share_one_trace_id() {
        startTraced();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        Matcher traceparent = traceparent(requests().get(0));
        String traceId = traceparent.group(1);
        assertThat(traceId).isNotEqualTo("0".repeat(32));
        List<SpanData> exported = spans.getFinishedSpanItems();
        assertThat(exported).isNotEmpty().allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(traceId));
        SpanData attempt = exported.stream().filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(attempt.getSpanId()).as("the traceparent names the attempt's client span").isEqualTo(traceparent.group(2));
        assertThat(attempt.getParentSpanContext().isValid()).as("the attempt span is a child of Camel's route span").isTrue();
        assertThat(mdc("integrator.call")).containsEntry(Tracing.TRACE_ID, traceId).containsKey(Tracing.SPAN_ID);
        assertThat(mdc("integrator.attempt")).containsEntry(Tracing.TRACE_ID, traceId)
                .containsEntry(Tracing.SPAN_ID, attempt.getSpanId());
    }

    @Test
    void a_retried_call_sends_a_traceparent_of_the_same_trace_on_every_attempt() {
        startTraced();
        getInTurn("/repos/apache/camel", status(503), okJson(repoJson()));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        List<LoggedRequest> sent = requestsInOrder();
        assertThat(sent).hasSize(2);
        Matcher first = traceparent(sent.get(0));
        Matcher second = traceparent(sent.get(1));
        assertThat(second.group(1)).isEqualTo(first.group(1));
        assertThat(second.group(2)).as("each attempt is a span of its own").isNotEqualTo(first.group(2));
        assertThat(spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT)).hasSize(2);
        assertThat(events.list.stream().filter(e -> e.getLoggerName().equals("integrator.attempt")))
                .hasSize(2).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(Tracing.TRACE_ID, first.group(1)));
    }

    @Test
    void the_ids_leave_the_mdc_when_the_call_ends_and_the_next_call_is_a_new_trace() {
        startTraced();
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        integrator.call("github.repos.get", repo("apache", "camel"));
        assertThat(MDC.get(Tracing.TRACE_ID)).isNull();
        assertThat(MDC.get(Tracing.SPAN_ID)).isNull();
        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).as("no span left current").isFalse();
        integrator.call("github.repos.get", repo("apache", "camel"));

        List<LoggedRequest> sent = requestsInOrder();
        assertThat(traceparent(sent.get(1)).group(1)).isNotEqualTo(traceparent(sent.get(0)).group(1));
        List<String> outcomeTraces = events.list.stream().filter(e -> e.getLoggerName().equals("integrator.call"))
                .map(e -> e.getMDCPropertyMap().get(Tracing.TRACE_ID)).toList();
        assertThat(outcomeTraces).hasSize(2).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(MDC.get(Tracing.TRACE_ID)).isNull();
    }

    @Test
    void a_failed_call_logs_its_trace_id_and_marks_the_attempt_span_as_an_error() {
        startTraced();
        github.stubFor(get("/repos/apache/camel").willReturn(status(404)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        String traceId = traceparent(requests().get(0)).group(1);
        assertThat(mdc("integrator.call")).containsEntry(Tracing.TRACE_ID, traceId);
        SpanData attempt = spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(attempt.getAttributes().asMap()).containsValue(404L);
    }

    @Test
    void a_malformed_location_is_an_upstream_error_masked_in_the_envelope_and_the_spans() {
        startTraced();
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://mirror example.com/?access_token=" + TOKEN)));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().message()).contains("Location").doesNotContain(TOKEN, TOKEN.substring(0, 8));
        assertThat(requests()).hasSize(1);
        List<SpanData> exported = spans.getFinishedSpanItems();
        assertThat(exported).isNotEmpty().allSatisfy(span -> assertThat(span.toString()).doesNotContain(TOKEN.substring(0, 8)));
        SpanData attempt = exported.stream().filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(attempt.getAttributes().asMap().values()).contains("UPSTREAM_ERROR");
    }

    @Test
    void a_header_the_http_client_refuses_is_an_upstream_error_and_nothing_is_sent() {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings()))
                .override("*", json("{\"headers\": {\"Connection\": \"close\"}}")).tracing(otel).start();

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().message()).contains("request cannot be sent", "Connection");
        assertThat(requests()).isEmpty();
        SpanData attempt = spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        assertThat(attempt.getAttributes().asMap().values()).contains("UPSTREAM_ERROR");
        assertThat(integrator.provider("github").breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void tracing_is_off_by_default_no_traceparent_and_no_ids_in_the_logs() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(requests().get(0).containsHeader("traceparent")).isFalse();
        assertThat(events.list).isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                .doesNotContainKeys(Tracing.TRACE_ID, Tracing.SPAN_ID));
        assertThat(integrator.camel().hasService(org.apache.camel.opentelemetry2.OpenTelemetryTracer.class)).isNull();
    }

    @Test
    void integrator_tracing_otel_in_the_environment_builds_the_sdk_from_the_otel_settings() {
        Map<String, String> env = env();
        env.put(Tracing.ENV, "otel");
        env.put("OTEL_TRACES_EXPORTER", "none");
        env.put("OTEL_SERVICE_NAME", "integrator-test");
        restart(settings(), env);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        integrator.call("github.repos.get", repo("apache", "camel"));

        String traceId = traceparent(requests().get(0)).group(1);
        assertThat(mdc("integrator.call")).containsEntry(Tracing.TRACE_ID, traceId);
    }

    @Test
    void an_unknown_tracing_mode_is_a_configuration_problem() {
        Map<String, String> env = env();
        env.put(Tracing.ENV, "zipkin");

        assertThatThrownBy(() -> restart(settings(), env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INTEGRATOR_TRACING must be otel or off, but was 'zipkin'");
        integrator = null;
    }

    @Test
    void a_bad_opentelemetry_setting_is_named_without_its_value() {
        Map<String, String> env = env();
        env.put(Tracing.ENV, "otel");
        env.put("OTEL_TRACES_SAMPLER", "traceidratio");
        env.put("OTEL_TRACES_SAMPLER_ARG", "s3cr3t-not-a-number");

        assertThatThrownBy(() -> restart(settings(), env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OTEL_TRACES_SAMPLER_ARG").hasMessageNotContaining("s3cr3t");
        integrator = null;
    }

    private void startTraced() {
        integrator.close();
        integrator = Integrator.builder().env(env()).override("github", json(settings())).tracing(otel).start();
    }

    private static Matcher traceparent(LoggedRequest request) {
        assertThat(request.containsHeader("traceparent")).as("traceparent on %s", request.getUrl()).isTrue();
        Matcher matcher = TRACEPARENT.matcher(request.getHeader("traceparent"));
        assertThat(matcher.matches()).as("W3C traceparent %s", request.getHeader("traceparent")).isTrue();
        return matcher;
    }

    private Map<String, String> mdc(String logger) {
        return events.list.stream().filter(e -> e.getLoggerName().equals(logger)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no event of " + logger + " in " + events.list))
                .getMDCPropertyMap();
    }

    /** Keeps each event's MDC as it was when logged, not as it is when the test reads it. */
    private static final class EventsWithMdc extends ListAppender<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    }
}
