package dev.integrator.queue;

import dev.integrator.OperationId;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MapMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerQueuePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsMessage;

/**
 * The default broker: an embedded ActiveMQ Artemis with a persistent journal under the data directory,
 * reachable in-VM and on a loopback TCP port for CORE, AMQP and STOMP clients. Operation queues are declared up
 * front. A send to an operation that does not exist auto-creates its queue, as Artemis does for any client; a
 * broker plugin reports it, and the front door answers it with an error and dead-letters it (with auto-creation
 * off, Artemis would silently drop such a message). A message delivered {@code maxDeliveries} times without being
 * acknowledged (a consumer that keeps crashing) moves to {@code integrator.DLQ}.
 */
public final class ArtemisBroker implements Broker {

    private static final AtomicInteger IN_VM_IDS = new AtomicInteger();
    /**
     * Room for headers and properties over the body limit: a request somewhat over the limit still reaches the front
     * door and gets an error reply; one far over it is refused by the broker at the send.
     */
    static final int HEADER_ALLOWANCE = 16 * 1024;
    /** Where Artemis records the address a dead-lettered message was sent to. */
    static final String ARTEMIS_ORIGIN = "_AMQ_ORIG_ADDRESS";

    private final QueueSettings settings;
    private final boolean tcp;
    private final int inVmId = IN_VM_IDS.incrementAndGet();
    private EmbeddedActiveMQ server;
    private ActiveMQConnectionFactory connectionFactory;
    private ProducerTemplate producer;

    /** @param tcp whether to open the loopback TCP acceptor (off for tools that only read the journal) */
    public ArtemisBroker(QueueSettings settings, boolean tcp) {
        this.settings = settings;
        this.tcp = tcp;
    }

    /** True when an Artemis (such as a running {@code integrator run}) already answers on the configured port. */
    public static boolean running(QueueSettings settings) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", settings.artemisPort()), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A connection factory for a broker already running on the configured port. */
    public static ConnectionFactory remote(QueueSettings settings) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + settings.artemisPort());
    }

    @Override
    public void start(Collection<String> queues, Consumer<String> unknownQueue) {
        try {
            Configuration config = new ConfigurationImpl()
                    .setName("integrator")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalDirectory(settings.dataDir().resolve("artemis/journal").toString())
                    .setBindingsDirectory(settings.dataDir().resolve("artemis/bindings").toString())
                    .setPagingDirectory(settings.dataDir().resolve("artemis/paging").toString())
                    .setLargeMessagesDirectory(settings.dataDir().resolve("artemis/large").toString())
                    // Count a delivery before handing it out, so a consumer killed mid-message still counts.
                    .setPersistDeliveryCountBeforeDelivery(true)
                    .addAcceptorConfiguration("in-vm", "vm://" + inVmId);
            if (tcp) {
                config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + settings.artemisPort() + "?protocols=CORE,AMQP,STOMP");
            }
            config.addAddressSetting(OperationId.QUEUE_PREFIX + "#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(QueueSettings.DLQ))
                    // A request whose sender set an expiry goes to the dead letters too, not away.
                    .setExpiryAddress(SimpleString.of(QueueSettings.DLQ))
                    .setMaxDeliveryAttempts(settings.maxDeliveries())
                    // An AMQP or STOMP send to an unknown operation would otherwise auto-create a multicast address
                    // with no queue, and the message would be dropped.
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDefaultQueueRoutingType(RoutingType.ANYCAST));
            // Any other address (clients' reply queues) keeps expired and undeliverable messages too.
            config.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(QueueSettings.DLQ))
                    .setExpiryAddress(SimpleString.of(QueueSettings.DLQ)));
            config.addQueueConfiguration(QueueConfiguration.of(QueueSettings.DLQ).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            for (String queue : queues) {
                config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
            }
            Set<String> known = new HashSet<>(queues);
            known.add(QueueSettings.DLQ);
            config.registerBrokerPlugin(refuseOversized(QueueSettings.providersOf(queues)));
            config.registerBrokerPlugin(new ActiveMQServerQueuePlugin() {
                @Override
                public void afterCreateQueue(org.apache.activemq.artemis.core.server.Queue queue) {
                    String name = queue.getName().toString();
                    if (name.startsWith(OperationId.QUEUE_PREFIX) && !known.contains(name)) {
                        unknownQueue.accept(name);
                    }
                }
            });
            server = new EmbeddedActiveMQ().setConfiguration(config);
            server.start();
            connectionFactory = new ActiveMQConnectionFactory("vm://" + inVmId);
            // No Java deserialization of what a client sent: an ObjectMessage's body can never be read here.
            connectionFactory.setDeserializationDenyList("*");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Artemis broker in " + settings.dataDir()
                    + (tcp ? " on port " + settings.artemisPort() : "") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Artemis has no per-message size limit of its own: this plugin is it. A send to an operation queue whose whole
     * message is over the body limit plus {@link #HEADER_ALLOWANCE} fails at the sender, before any consumer reads
     * it (a large message is refused once its chunks are on disk, not in the heap).
     */
    private ActiveMQServerMessagePlugin refuseOversized(Set<String> providers) {
        long limit = (long) settings.maxMessageBytes() + HEADER_ALLOWANCE;
        return new ActiveMQServerMessagePlugin() {
            @Override
            public void beforeSend(ServerSession session, Transaction tx, org.apache.activemq.artemis.api.core.Message message,
                    boolean direct, boolean noAutoCreateQueue) throws ActiveMQException {
                String address = message.getAddress();
                long size = message.getWholeMessageSize();
                if (address != null && size > limit && QueueSettings.isOperationShaped(address, providers)) {
                    throw new ActiveMQException(ActiveMQExceptionType.GENERIC_EXCEPTION, "message of " + size
                            + " bytes to " + address + " is over the limit of " + limit + " bytes (INTEGRATOR_MAX_MESSAGE_BYTES plus "
                            + HEADER_ALLOWANCE + " for headers)");
                }
            }
        };
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @Override
    public void install(CamelContext camel) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        // Transacted: the message is acknowledged only when the route, reply included, has completed.
        jms.getConfiguration().setTransacted(true);
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        camel.addComponent("broker", jms);
        producer = camel.createProducerTemplate();
    }

    @Override
    public String consumerUri(String queue) {
        return "broker:queue:" + queue + "?concurrentConsumers=" + settings.consumersPerQueue()
                + "&cacheLevelName=CACHE_CONSUMER&jmsMessageType=Text&replyToDeliveryPersistent=true"
                // A short receive keeps a stop (shutdown, tests) from waiting a second per consumer.
                + "&receiveTimeout=200";
    }

    @Override
    public String correlationId(Message request) {
        String id = request.getHeader("JMSCorrelationID", String.class);
        return id != null ? id : request.getHeader("JMSMessageID", String.class);
    }

    /** Only text and bytes are read: an ObjectMessage would be Java deserialization of whatever a client sent. */
    @Override
    public String refuseBody(Message request) {
        if (request instanceof JmsMessage jms && !(jms.getJmsMessage() instanceof TextMessage)
                && !(jms.getJmsMessage() instanceof BytesMessage)) {
            return "request is a JMS " + jmsType(jms.getJmsMessage()) + "; only a text or bytes message of JSON is read";
        }
        return null;
    }

    private static String jmsType(jakarta.jms.Message message) {
        return message instanceof ObjectMessage ? "ObjectMessage" : message instanceof MapMessage ? "MapMessage"
                : message instanceof StreamMessage ? "StreamMessage" : "Message without a body";
    }

    @Override
    public boolean hasReplyTo(Message request) {
        return request.getHeader("JMSReplyTo") != null;
    }

    /** A JMS reply-to is a destination of this broker, which has no addresses a client could not reach itself. */
    @Override
    public String refuseReplyTo(Message request) {
        return null;
    }

    /** The consumer sends the reply in its transaction, with the acknowledgement: both happen, or neither. */
    @Override
    public void reply(Exchange exchange, String correlationId, String envelope) {
        Message message = exchange.getMessage();
        Object replyTo = message.getHeader("JMSReplyTo");
        message.getHeaders().clear();
        message.setHeader("JMSReplyTo", replyTo);
        message.setHeader("JMSCorrelationID", correlationId);
        message.setBody(envelope);
    }

    /**
     * A transacted JMS send (the component is transacted): it returns after the commit, when the message is in the
     * persistent journal. The embedded broker answers in-VM, so the timeout is the caller's to enforce.
     */
    @Override
    public void publish(String queue, byte[] body, Map<String, String> headers, java.time.Duration timeout) {
        String uri = "broker:queue:" + queue + "?exchangePattern=InOnly&jmsMessageType=Bytes";
        Exception failure = producer.send(uri, message -> {
            message.getMessage().setBody(body);
            message.getMessage().getHeaders().putAll(headers);
        }).getException();
        if (failure != null) {
            throw new IllegalStateException(queue + " refused the message: " + RabbitBroker.rootMessage(failure),
                    failure);
        }
    }

    @Override
    public void deadLetter(byte[] body, Map<String, String> headers) {
        Exception failure = producer.send("broker:queue:" + QueueSettings.DLQ + "?exchangePattern=InOnly&jmsMessageType=Bytes", dead -> {
            dead.getMessage().setBody(body);
            dead.getMessage().getHeaders().putAll(headers);
        }).getException();
        if (failure != null) {
            throw new IllegalStateException(QueueSettings.DLQ + " refused the message: " + RabbitBroker.rootMessage(failure), failure);
        }
    }

    @Override
    public DeadLetters deadLetters() {
        return new JmsDeadLetters(connectionFactory);
    }

    /** The dead letters of a broker reached over another connection factory (a running {@code integrator run}). */
    public static DeadLetters deadLettersOver(ConnectionFactory factory) {
        return new JmsDeadLetters(factory);
    }

    @Override
    public boolean connected() {
        return server != null && server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    @Override
    public String describe() {
        return "embedded Artemis, journal in " + settings.dataDir().resolve("artemis")
                + (tcp ? ", CORE/AMQP/STOMP on tcp://127.0.0.1:" + settings.artemisPort() : "");
    }

    @Override
    public void close() {
        try {
            if (connectionFactory != null) {
                connectionFactory.close();
            }
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded Artemis broker: " + e.getMessage(), e);
        }
    }
}
