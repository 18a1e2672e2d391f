package dev.integrator.webhook.ingress;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.drift.DriftRecorder;
import dev.integrator.drift.DriftSamples;
import dev.integrator.observe.Health;
import dev.integrator.observe.LogRedaction;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.queue.Broker;
import dev.integrator.redact.Redactor;
import dev.integrator.runtime.Integrator;
import dev.integrator.webhook.WebhookSettings;
import dev.integrator.webhook.dedupe.DeliveryLog;
import dev.integrator.webhook.dedupe.DeliveryLogs;
import dev.integrator.webhook.event.EventCatalog;
import dev.integrator.webhook.verify.SignatureSchemes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook ingress of {@code integrator run}: {@code POST /webhooks/<provider>} on {@value #HOST_ENV} /
 * {@value #PORT_ENV} (default 127.0.0.1:8081) for every provider whose settings have a {@code webhooks:} block.
 * Prepared before the broker starts, so that the event queues are declared with the others; started on that broker.
 */
public final class WebhookIngress implements Health.Dependency, AutoCloseable {

    public static final String HOST_ENV = "INTEGRATOR_WEBHOOK_HOST";
    public static final String PORT_ENV = "INTEGRATOR_WEBHOOK_PORT";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    /**
     * How long the broker has to confirm an event: under Slack's 3 s deadline (GitHub's is 10 s) with room for the
     * rest of the path, so a slow broker is a 503 the provider retries, not a timeout it counts as a failure.
     */
    public static final Duration PUBLISH_TIMEOUT = Duration.ofMillis(2000);

    private static final Logger LOG = LoggerFactory.getLogger("integrator.webhook");

    private final Integrator integrator;
    private final Home home;
    private final Map<String, String> env;
    private final String host;
    private final int requestedPort;
    private final Map<String, WebhookSettings> providers;
    private final EventCatalog catalog;
    private DeliveryLog deliveries;
    private EventPublisher publisher;
    private IngressServer server;

    private WebhookIngress(Integrator integrator, Home home, Map<String, String> env, String host, int port,
            Map<String, WebhookSettings> providers, EventCatalog catalog) {
        this.integrator = integrator;
        this.home = home;
        this.env = env;
        this.host = host;
        this.requestedPort = port;
        this.providers = providers;
        this.catalog = catalog;
    }

    /**
     * Reads the settings and event contracts and checks them together: every accepted event type has a contract
     * (but GitHub's ping and Slack's url_verification, which are answered, not queued).
     */
    public static WebhookIngress prepare(Integrator integrator, Path home, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Home h = Home.of(home);
        Map<String, WebhookSettings> providers = new LinkedHashMap<>();
        h.providers().stream().map(integrator::provider).filter(Objects::nonNull).map(p -> p.config())
                .filter(c -> c.webhooks() != null).forEach(c -> providers.put(c.provider(), c.webhooks()));
        EventCatalog catalog = EventCatalog.load(h.contracts(), problems);
        problems.addAll(missingContracts(providers, catalog));
        String host = env.getOrDefault(HOST_ENV, DEFAULT_HOST);
        int port = IngressPort.parse(env.get(PORT_ENV), DEFAULT_PORT, PORT_ENV, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("webhook ingress", problems);
        }
        return new WebhookIngress(integrator, h, env, host, port, providers, catalog);
    }

    /** Every event a provider accepts has an active contract, but those answered and never queued. */
    public static List<String> missingContracts(Map<String, WebhookSettings> providers, EventCatalog catalog) {
        List<String> problems = new ArrayList<>();
        providers.forEach((provider, settings) -> settings.events().stream().filter(e -> !answeredOnly(e))
                .filter(e -> catalog.contract(provider, e) == null)
                .forEach(e -> problems.add("routes/" + provider + "/provider.yaml: webhooks.events names " + e
                        + ", which has no active"
                        + " contract contracts/" + provider + ".events." + e + ".v<N>.yaml")));
        return problems;
    }

    static boolean answeredOnly(String event) {
        return event.equals(DeliveryHandler.PING) || event.equals(DeliveryHandler.URL_VERIFICATION);
    }

    /** Whether any provider receives webhooks; without one, {@link #start} opens no port. */
    public boolean receives() {
        return !providers.isEmpty();
    }

    /** The queues events are published to, {@code integrator.events.<provider>.<event>}: declared with the broker's. */
    public List<String> queues() {
        List<String> queues = new ArrayList<>();
        providers.forEach((provider, settings) -> settings.events().stream().filter(e -> !answeredOnly(e))
                .forEach(e -> queues.add(EventPublisher.queue(provider, e))));
        return queues;
    }

    /** Opens the delivery log and the port; deliveries are published to {@code broker}. */
    public WebhookIngress start(Broker broker, Path dataDir) {
        if (!receives()) {
            return this;
        }
        Clock clock = Clock.systemUTC();
        List<String> secrets = new ArrayList<>();
        Map<String, IngressServer.Route> routes = new LinkedHashMap<>();
        deliveries = DeliveryLogs.open(dataDir, env);
        publisher = new EventPublisher(broker, PUBLISH_TIMEOUT);
        IngressMetrics metrics = new IngressMetrics(integrator.meterRegistry());
        providers.forEach((provider, settings) -> secrets.addAll(settings.secrets(env)));
        LogRedaction.addSecrets(secrets);
        DriftRecorder drift = new DriftRecorder(DriftSamples.defaultDir(home.root(), env),
                DriftRecorder.DEFAULT_MAX_SAMPLES,
                integrator.meterRegistry(), new Redactor(secrets), clock);
        providers.forEach((provider, settings) -> {
            List<String> own = settings.secrets(env);
            if (own.isEmpty()) {
                LOG.warn("webhook secret not set: every delivery is refused (401) {} {}", kv("provider", provider),
                        kv("secretEnv", settings.secretEnv()));
            }
            DeliveryHandler handler = new DeliveryHandler(provider, settings, SignatureSchemes.of(settings.scheme()),
                    own, catalog,
                    deliveries, publisher, drift, clock);
            routes.put(provider, new IngressServer.Route(settings.maxBodyBytes(), handler::handle));
        });
        try {
            server = IngressServer.start(host, requestedPort, routes, metrics, clock);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("webhook ingress started {} {}", kv("url", url()), kv("providers", String.join(",",
                providers.keySet())));
        return this;
    }

    /** {@code http://host:port/webhooks/}: a provider's URL is this plus its id. */
    public String url() {
        return "http://" + host + ":" + port() + IngressServer.PATH;
    }

    public int port() {
        return server == null ? requestedPort : server.port();
    }

    public List<String> providers() {
        return List.copyOf(providers.keySet());
    }

    /** Whether the port is open, for health. */
    @Override
    public boolean connected() {
        return server != null;
    }

    @Override
    public String describe() {
        return url() + "<provider> for " + String.join(", ", providers.keySet());
    }

    /** The delivery log for health: shown, but it does not decide readiness (it fails open). */
    public Health.Dependency deliveryLog() {
        return new Health.Dependency() {
            @Override
            public boolean connected() {
                return deliveries == null || deliveries.available();
            }

            @Override
            public String describe() {
                return env.containsKey(DeliveryLogs.REDIS_URL) ? "Redis (" + DeliveryLogs.REDIS_URL + ")"
                        : "embedded, in the data directory";
            }
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (deliveries != null) {
            deliveries.close();
        }
    }
}
