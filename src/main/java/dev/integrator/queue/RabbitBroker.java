package dev.integrator.queue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;

/**
 * The scale-out broker: RabbitMQ over AMQP 0-9-1. Operation queues are quorum queues, so several
 * {@code integrator run} processes consume them as competing consumers, a consumer's crash returns its
 * unacknowledged message, and a message delivered {@code maxDeliveries} times without acknowledgement is
 * dead-lettered to {@code integrator.DLQ} by the broker itself. Replies and dead letters are published with publisher confirms;
 * the request is acknowledged only after the broker confirmed them.
 */
public final class RabbitBroker implements Broker {

    /** How long a publish waits for the broker's confirm before it counts as not taken. */
    static final long CONFIRM_TIMEOUT_MS = 5000;

    private final QueueSettings settings;
    private CachingConnectionFactory springFactory;
    private RabbitTemplate publisher;
    private final AtomicBoolean connected = new AtomicBoolean();

    public RabbitBroker(QueueSettings settings) {
        this.settings = settings;
    }

    private ConnectionFactory amqp() {
        try {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(settings.rabbitUrl());
            f.setConnectionTimeout(5000);
            return f;
        } catch (Exception e) {
            throw new IllegalStateException("RABBITMQ_URL " + settings.rabbitUrlForLogs() + " is not usable: " + e.getMessage(), e);
        }
    }

    /** The arguments every operation queue is declared with; a queue declared otherwise is refused by RabbitMQ. */
    Map<String, Object> queueArguments() {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", "quorum");
        // RabbitMQ dead-letters a message redelivered more often than the limit, so it counts redeliveries: the
        // first delivery plus maxDeliveries - 1 redeliveries is maxDeliveries deliveries, as on Artemis.
        args.put("x-delivery-limit", settings.maxDeliveries() - 1);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", QueueSettings.DLQ);
        return args;
    }

    @Override
    public void start(Collection<String> queues, java.util.function.Consumer<String> unknownQueue) {
        // RabbitMQ drops a message published to a queue that does not exist, unless the publisher sets the
        // mandatory flag and hears it back: unknown operations are the sender's to notice (see the README).
        try (Connection c = amqp().newConnection("integrator-declare"); Channel ch = c.createChannel()) {
            ch.queueDeclare(QueueSettings.DLQ, true, false, false, Map.of("x-queue-type", "quorum"));
            for (String queue : queues) {
                ch.queueDeclare(queue, true, false, false, queueArguments());
            }
        } catch (IOException | TimeoutException e) {
            String why = rootMessage(e);
            if (why.contains("PRECONDITION_FAILED")) {
                why += " - a queue exists with other arguments (type or x-delivery-limit, which INTEGRATOR_MAX_DELIVERIES sets): "
                        + "drain and delete it, or keep the settings it was declared with";
            }
            throw new IllegalStateException("cannot declare queues on RabbitMQ at " + settings.rabbitUrlForLogs() + ": " + why, e);
        }
        ConnectionFactory forSpring = amqp();
        // Spring AMQP recovers connections itself and warns when the client library would too.
        forSpring.setAutomaticRecoveryEnabled(false);
        springFactory = new CachingConnectionFactory(forSpring);
        springFactory.setConnectionNameStrategy(f -> "integrator-run");
        // Replies and dead letters wait for the broker's confirm: a request is acknowledged only after that.
        springFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        publisher = new RabbitTemplate(springFactory);
        springFactory.addConnectionListener(new ConnectionListener() {
            @Override
            public void onCreate(org.springframework.amqp.rabbit.connection.Connection connection) {
                connected.set(true);
            }

            @Override
            public void onClose(org.springframework.amqp.rabbit.connection.Connection connection) {
                connected.set(false);
            }

            @Override
            public void onShutDown(ShutdownSignalException signal) {
                connected.set(false);
            }

            @Override
            public void onFailed(Exception exception) {
                connected.set(false);
            }
        });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void install(CamelContext camel) {
        SpringRabbitMQComponent rabbit = new SpringRabbitMQComponent();
        rabbit.setConnectionFactory(springFactory);
        // The queues are declared above with their dead-letter and delivery-limit arguments.
        rabbit.setAutoDeclare(false);
        // One delivery per attempt: no listener retries stacked on the chain's own. A failure goes back to the queue
        // (the component's own recoverer for one attempt logs "dropped on recovery" and acknowledges it), and the
        // quorum queue's delivery limit dead-letters a message that keeps failing.
        rabbit.setRetry(RetryInterceptorBuilder.stateless().maxAttempts(1).recoverer(new ImmediateRequeueMessageRecoverer()).build());
        rabbit.setPrefetchCount(settings.consumersPerQueue());
        camel.addComponent("broker", rabbit);
    }

    /** The front door publishes its replies itself, with confirms; the component's own reply has none. */
    @Override
    public String consumerUri(String queue) {
        return "broker:default?queues=" + queue + "&acknowledgeMode=AUTO&disableReplyTo=true&concurrentConsumers="
                + settings.consumersPerQueue();
    }

    @Override
    public String correlationId(Message request) {
        String id = request.getHeader(SpringRabbitMQConstants.CORRELATION_ID, String.class);
        return id != null ? id : request.getHeader(SpringRabbitMQConstants.MESSAGE_ID, String.class);
    }

    /** The body is bytes: nothing to refuse before reading it (RabbitMQ's own max_message_size bounds it). */
    @Override
    public String refuseBody(Message request) {
        return null;
    }

    @Override
    public boolean hasReplyTo(Message request) {
        return request.getHeader(SpringRabbitMQConstants.REPLY_TO) != null;
    }

    /**
     * Only a queue name, answered through the default exchange: the {@code exchange/routingKey} form would publish
     * with our credentials into an exchange the requester's may not reach.
     */
    @Override
    public String refuseReplyTo(Message request) {
        String replyTo = request.getHeader(SpringRabbitMQConstants.REPLY_TO, String.class);
        if (replyTo == null || replyTo.indexOf('/') < 0) {
            return null;
        }
        return "reply-to '" + replyTo + "' names an exchange; replies go only to a queue name, through the default exchange";
    }

    @Override
    public void reply(Exchange exchange, String correlationId, String envelope) {
        MessageProperties props = new MessageProperties();
        props.setCorrelationId(correlationId);
        props.setContentType("application/json");
        String replyTo = exchange.getMessage().getHeader(SpringRabbitMQConstants.REPLY_TO, String.class);
        publish(replyTo, props, envelope.getBytes(StandardCharsets.UTF_8), "the reply to " + replyTo,
                CONFIRM_TIMEOUT_MS);
    }

    @Override
    public void publish(String queue, byte[] body, Map<String, String> headers, java.time.Duration timeout) {
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        headers.forEach(props::setHeader);
        publish(queue, props, body, queue, timeout.toMillis());
    }

    @Override
    public void deadLetter(byte[] body, Map<String, String> headers) {
        MessageProperties props = new MessageProperties();
        headers.forEach(props::setHeader);
        publish(QueueSettings.DLQ, props, body, QueueSettings.DLQ, CONFIRM_TIMEOUT_MS);
    }

    /** Publishes to a queue through the default exchange and waits for the confirm; a nack or no answer throws. */
    private void publish(String queue, MessageProperties props, byte[] body, String what, long confirmTimeoutMs) {
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        try {
            publisher.invoke(t -> {
                t.send("", queue, new org.springframework.amqp.core.Message(body, props));
                t.waitForConfirmsOrDie(confirmTimeoutMs);
                return null;
            });
        } catch (AmqpException e) {
            throw new IllegalStateException("RabbitMQ did not confirm " + what + ": " + rootMessage(e), e);
        }
    }

    @Override
    public DeadLetters deadLetters() {
        return new RabbitDeadLetters(this::amqp);
    }

    /**
     * Whether the listeners' shared connection is open, as its listener last heard: answered at once, without
     * opening a connection, so a readiness probe never waits on an unreachable broker.
     */
    @Override
    public boolean connected() {
        return connected.get();
    }

    @Override
    public String describe() {
        return "RabbitMQ at " + settings.rabbitUrlForLogs() + " (quorum queues, delivery limit " + settings.maxDeliveries() + ")";
    }

    @Override
    public void close() {
        if (springFactory != null) {
            springFactory.destroy();
        }
    }
}
