package dev.integrator.observe;

import dev.integrator.ConfigurationException;
import dev.integrator.IntegrationException;
import dev.integrator.http.UpstreamRequest;
import dev.integrator.http.UpstreamResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.MDC;

/**
 * OpenTelemetry tracing of calls, off unless {@value #ENV}{@code =otel} or an embedding application hands over its
 * own {@link OpenTelemetry}. When on, Camel's camel-opentelemetry2 traces the routes; each upstream attempt is a
 * client span under the current route span, and its W3C {@code traceparent} (with {@code tracestate} and baggage
 * when present) goes out on that attempt's request. The upstream request is built from the contract, not from the
 * Camel message, so Camel's own header propagation cannot reach the provider: {@link #propagate} adds the headers.
 * Log events written while a route runs carry the current span's ids in the SLF4J MDC as {@value #TRACE_ID} and
 * {@value #SPAN_ID}, removed again when the processor returns. When off, nothing of OpenTelemetry is set up.
 */
public final class Tracing {

    public static final String ENV = "INTEGRATOR_TRACING";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private static final String INSTRUMENTATION = "dev.integrator";

    private final OpenTelemetry given;
    private final Map<String, String> env;
    private OpenTelemetry otel;
    private Tracer tracer;

    private Tracing(OpenTelemetry given, Map<String, String> env) {
        this.given = given;
        this.env = env;
    }

    public static Tracing off() {
        return new Tracing(null, null);
    }

    /** Tracing with the embedding application's OpenTelemetry, which it owns: it is never shut down here. */
    public static Tracing with(OpenTelemetry openTelemetry) {
        return new Tracing(openTelemetry, null);
    }

    /**
     * Off unless {@value #ENV} is {@code otel}; then the SDK is built at {@link #install} from the standard
     * {@code OTEL_*} settings of the same environment ({@code OTEL_SERVICE_NAME}, {@code OTEL_TRACES_EXPORTER},
     * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, ...), exporting over OTLP http/protobuf.
     */
    public static Tracing fromEnv(Map<String, String> env) {
        String mode = env.getOrDefault(ENV, "").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "off", "none" -> off();
            case "otel" -> new Tracing(null, Map.copyOf(env));
            default -> throw new ConfigurationException("the environment",
                    List.of(ENV + " must be otel or off, but was '" + env.get(ENV) + "'"));
        };
    }

    public boolean isOn() {
        return given != null || env != null;
    }

    /**
     * Sets tracing up on a context that has not started yet: camel-opentelemetry2's tracer, the MDC ids around
     * every processor, and the SDK's shutdown with the context when the SDK was built here. Does nothing when off.
     */
    public void install(CamelContext camel) {
        if (!isOn()) {
            return;
        }
        if (given != null) {
            otel = given;
        } else {
            OpenTelemetrySdk sdk = build(env);
            otel = sdk;
            try {
                camel.addService(new SdkShutdown(sdk));
            } catch (Exception e) {
                sdk.shutdown();
                throw org.apache.camel.RuntimeCamelException.wrapRuntimeCamelException(e);
            }
        }
        tracer = otel.getTracer(INSTRUMENTATION);
        // camel-opentelemetry2 takes its tracer and propagators from the registry when it finds one of each.
        camel.getRegistry().bind("integratorTracer", Tracer.class, otel.getTracer("camel"));
        camel.getRegistry().bind("integratorPropagators", ContextPropagators.class, otel.getPropagators());
        new OpenTelemetryTracer().init(camel);
        camel.getCamelContextExtension().addInterceptStrategy(new TraceIdsInMdc());
    }

    private static OpenTelemetrySdk build(Map<String, String> env) {
        Map<String, String> defaults = Map.of(
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none");
        Map<String, String> settings = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                settings.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        try {
            return AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .addPropertiesCustomizer(config -> settings)
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (RuntimeException e) {
            // The SDK's message may quote a rejected value, and OTEL_EXPORTER_OTLP_HEADERS can hold an API key: name the settings only.
            throw new ConfigurationException("the OpenTelemetry settings", List.of("OpenTelemetry cannot be configured from "
                    + new java.util.TreeSet<>(env.keySet().stream().filter(name -> name.startsWith("OTEL_")).toList())
                    + " (" + e.getClass().getSimpleName() + "); check their values against the OpenTelemetry SDK's documentation"));
        }
    }

    /**
     * Runs one upstream attempt in a client span of its own, a child of the current route span, with that span's
     * ids in the MDC so that the attempt's log event carries them. The span is named after {@code operation}; after the
     * call, {@code attempt} says which attempt it was (1 for the first). Returns {@code call} itself when off.
     */
    public Processor aroundAttempt(Processor call, Function<Exchange, String> operation, ToIntFunction<Exchange> attempt) {
        if (!isOn()) {
            return call;
        }
        return exchange -> {
            String id = operation.apply(exchange);
            Span span = tracer.spanBuilder(id).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                    .setAttribute("integrator.operation", id).startSpan();
            Map<String, String> saved = TraceIdsInMdc.put(span.getSpanContext());
            try (Scope ignored = span.makeCurrent()) {
                call.process(exchange);
                if (exchange.getMessage().getBody() instanceof UpstreamResponse response) {
                    span.setAttribute("http.response.status_code", response.status());
                }
            } catch (IntegrationException e) {
                if (e.status() != null) {
                    span.setAttribute("http.response.status_code", e.status());
                }
                span.setAttribute("error.type", e.code().name());
                span.setStatus(StatusCode.ERROR, e.code().name());
                throw e;
            } catch (Exception | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                int number = attempt.applyAsInt(exchange);
                if (number > 1) {
                    span.setAttribute("http.request.resend_count", number - 1);
                }
                span.end();
                TraceIdsInMdc.restore(saved);
            }
        };
    }

    /** The request with the current span's propagation headers added; the request itself when off. */
    public UpstreamRequest propagate(UpstreamRequest request) {
        if (!isOn()) {
            return request;
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        otel.getPropagators().getTextMapPropagator().inject(Context.current(), headers, (carrier, name, value) -> carrier.put(name, value));
        return new UpstreamRequest(request.method(), request.uri(), Map.copyOf(headers), request.body());
    }

    /** Puts the current span's ids in the MDC around each processor and puts back what was there before. */
    private static final class TraceIdsInMdc implements InterceptStrategy {

        @Override
        public Processor wrapProcessorInInterceptors(CamelContext context, org.apache.camel.NamedNode definition, Processor target,
                Processor nextTarget) {
            AsyncProcessor async = AsyncProcessorConverterHelper.convert(target);
            return new DelegateAsyncProcessor(async) {
                @Override
                public boolean process(Exchange exchange, AsyncCallback callback) {
                    Map<String, String> saved = put(Span.current().getSpanContext());
                    try {
                        return processor.process(exchange, callback);
                    } finally {
                        restore(saved);
                    }
                }

                @Override
                public void process(Exchange exchange) throws Exception {
                    Map<String, String> saved = put(Span.current().getSpanContext());
                    try {
                        processor.process(exchange);
                    } finally {
                        restore(saved);
                    }
                }
            };
        }

        /** Sets the ids of a valid span and returns the values they replace (null where there was none). */
        static Map<String, String> put(SpanContext span) {
            if (!span.isValid()) {
                return null;
            }
            Map<String, String> saved = new HashMap<>(2);
            saved.put(TRACE_ID, MDC.get(TRACE_ID));
            saved.put(SPAN_ID, MDC.get(SPAN_ID));
            MDC.put(TRACE_ID, span.getTraceId());
            MDC.put(SPAN_ID, span.getSpanId());
            return saved;
        }

        static void restore(Map<String, String> saved) {
            if (saved == null) {
                return;
            }
            saved.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    /** Flushes and stops an SDK built here when the Camel context stops. */
    private static final class SdkShutdown extends ServiceSupport {
        private final OpenTelemetrySdk sdk;

        SdkShutdown(OpenTelemetrySdk sdk) {
            this.sdk = sdk;
        }

        @Override
        protected void doStop() {
            sdk.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
