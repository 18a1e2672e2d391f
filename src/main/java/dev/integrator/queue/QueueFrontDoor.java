package dev.integrator.queue;

import dev.integrator.chain.OperationSpec;
import dev.integrator.observe.LogRedaction;
import dev.integrator.runtime.Integrator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation as a queue consumer, {@code integrator.<operation>}, on the configured broker. Closing it stops
 * the consumers first (in-flight requests finish and are acknowledged), then the broker.
 */
public final class QueueFrontDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueFrontDoor.class);
    /** Queues for unknown operations get a consumer each, up to this many; beyond, they wait in the broker. */
    static final int MAX_UNKNOWN_QUEUES = 100;

    private final Integrator integrator;
    private final Broker broker;
    private final FrontDoor door;
    private final List<String> routeIds = new CopyOnWriteArrayList<>();
    private final ExecutorService unknownQueues = Executors.newSingleThreadExecutor(r -> new Thread(r, "integrator-unknown-queues"));
    private final CountDownLatch ready = new CountDownLatch(1);

    private QueueFrontDoor(Integrator integrator, Broker broker, QueueSettings settings) {
        this.integrator = integrator;
        this.broker = broker;
        this.door = new FrontDoor(integrator, broker, settings);
    }

    public static Broker broker(QueueSettings settings) {
        return settings.broker() == QueueSettings.Kind.RABBITMQ ? new RabbitBroker(settings) : new ArtemisBroker(settings, true);
    }

    public static QueueFrontDoor start(Integrator integrator, QueueSettings settings) {
        return start(integrator, settings, broker(settings));
    }

    public static QueueFrontDoor start(Integrator integrator, QueueSettings settings, Broker broker) {
        return start(integrator, settings, broker, List.of());
    }

    /**
     * Also declares {@code published}, the queues others consume and integrator only publishes to (the webhook
     * events): a broker drops or refuses a message for a queue that does not exist.
     */
    public static QueueFrontDoor start(Integrator integrator, QueueSettings settings, Broker broker,
            List<String> published) {
        LogRedaction.addSecrets(settings.secrets());
        QueueFrontDoor frontDoor = new QueueFrontDoor(integrator, broker, settings);
        frontDoor.start(integrator.operations().all().stream().map(OperationSpec::id).sorted()
                .map(QueueSettings::queueOf).toList(), published);
        return frontDoor;
    }

    private void start(List<String> queues, List<String> published) {
        Set<String> providers = QueueSettings.providersOf(queues);
        List<String> declared = new java.util.ArrayList<>(queues);
        published.stream().filter(q -> !declared.contains(q)).forEach(declared::add);
        broker.start(declared, queue -> {
            if (QueueSettings.isOperationShaped(queue, providers)) {
                unknownQueues.execute(() -> consumeUnknown(queue, queues.size()));
            }
        });
        try {
            broker.install(integrator.camel());
            for (String queue : queues) {
                consume(queue, door);
            }
            ready.countDown();
        } catch (RuntimeException e) {
            unknownQueues.shutdownNow();
            broker.close();
            throw new IllegalStateException("cannot start the queue consumers: " + e.getMessage(), e);
        }
    }

    /** A queue for an operation that does not exist: answer what arrives there instead of leaving it waiting. */
    private void consumeUnknown(String queue, int known) {
        try {
            ready.await();
            if (routeIds.contains("queue." + queue)) {
                return;
            }
            if (routeIds.size() >= known + MAX_UNKNOWN_QUEUES) {
                LOG.warn("queue {} is for no known operation; not consumed: over {} such queues", queue, MAX_UNKNOWN_QUEUES);
                return;
            }
            consume(queue, door::unknownOperation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot consume queue {} of an unknown operation: {}", queue, e.getMessage());
        }
    }

    /**
     * One consumer route. No error handler: the front door answers every request itself, so an exception here is
     * a crash, which rolls the message back for the broker to redeliver (and dead-letter when it repeats).
     */
    private void consume(String queue, Processor processor) {
        try {
            integrator.camel().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // No stream caching: it would read the body before the front door can refuse it unread.
                    from(broker.consumerUri(queue)).routeId("queue." + queue).errorHandler(noErrorHandler()).noStreamCaching()
                            .setProperty(FrontDoor.QUEUE_EXCHANGE_PROPERTY, constant(queue))
                            .process(processor);
                }
            });
            routeIds.add("queue." + queue);
        } catch (Exception e) {
            throw new IllegalStateException("cannot consume " + queue + ": " + e.getMessage(), e);
        }
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        unknownQueues.shutdownNow();
        try {
            for (String id : routeIds) {
                integrator.camel().getRouteController().stopRoute(id);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the queue consumers: " + e.getMessage(), e);
        } finally {
            broker.close();
        }
    }
}
