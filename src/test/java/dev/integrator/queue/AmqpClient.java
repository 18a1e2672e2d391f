package dev.integrator.queue;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.integrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** A plain AMQP 0-9-1 client of the local RabbitMQ, publishing through the default exchange as services do. */
final class AmqpClient implements BrokerClient {

    private final Connection connection;
    private final Channel channel;
    private final List<String> queues;

    /** {@code queues}: what {@link #purge()} deletes, the front door's queues and its dead-letter queue. */
    AmqpClient(Collection<String> queues) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(RabbitAvailable.URL);
        this.connection = f.newConnection("integrator-test");
        this.channel = connection.createChannel();
        this.queues = List.copyOf(queues);
    }

    Channel channel() {
        return channel;
    }

    /** Server-named, exclusive: it goes away with the connection. */
    @Override
    public String replyQueue() throws Exception {
        return channel.queueDeclare().getQueue();
    }

    /** Every publish to it is nacked: it may hold no message at all. */
    @Override
    public String refusingReplyQueue() throws Exception {
        return channel.queueDeclare("", false, true, true, Map.of("x-max-length", 0, "x-overflow", "reject-publish")).getQueue();
    }

    @Override
    public void send(String queue, Request request) throws Exception {
        channel.basicPublish("", queue, properties(request), request.body().getBytes(StandardCharsets.UTF_8));
    }

    private static AMQP.BasicProperties properties(Request request) {
        return new AMQP.BasicProperties.Builder().replyTo(request.replyTo()).correlationId(request.correlationId())
                .messageId(request.messageId()).build();
    }

    /** The next reply, or null when none came within {@code wait}. */
    @Override
    public Reply receive(String replyQueue, Duration wait) throws Exception {
        GetResponse r;
        try {
            r = await().atMost(wait).pollInterval(Duration.ofMillis(20)).until(() -> channel.basicGet(replyQueue, true), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            return null;
        }
        return new Reply(r.getProps().getCorrelationId(), Json.MAPPER.readTree(r.getBody()));
    }

    /**
     * RabbitMQ routes nothing to a queue that does not exist: published with the mandatory flag, as the README tells
     * clients to, the request comes back to its sender with the broker's reason.
     */
    @Override
    public String refusalOfUnknownOperation(String queue, Request request) throws Exception {
        BlockingQueue<String> returned = new ArrayBlockingQueue<>(1);
        var listener = channel.addReturnListener(r -> returned.offer(r.getReplyText()));
        try {
            channel.basicPublish("", queue, true, properties(request), request.body().getBytes(StandardCharsets.UTF_8));
            return returned.poll(15, TimeUnit.SECONDS);
        } finally {
            channel.removeReturnListener(listener);
        }
    }

    /**
     * A consumer that hands every delivery back unacknowledged, as a crashing one would; stops once nothing was
     * delivered for two seconds: the broker dead-lettered the message.
     */
    @Override
    public int handBackEveryDelivery(String queue) throws Exception {
        BlockingQueue<Long> delivered = new LinkedBlockingQueue<>();
        String tag = channel.basicConsume(queue, false, (consumerTag, d) -> {
            channel.basicNack(d.getEnvelope().getDeliveryTag(), false, true);
            delivered.add(d.getEnvelope().getDeliveryTag());
        }, consumerTag -> { });
        int deliveries = 0;
        try {
            while (delivered.poll(2, TimeUnit.SECONDS) != null) {
                deliveries++;
            }
        } finally {
            channel.basicCancel(tag);
        }
        return deliveries;
    }

    /**
     * A policy of its own limits the dead-letter queue to nothing beyond its filler (a quorum queue refuses once over
     * its length, not at it); closing clears the policy.
     */
    @Override
    public FullDeadLetterQueue refuseDeadLetters() throws Exception {
        try (Channel confirmed = connection.createChannel()) {
            confirmed.confirmSelect();
            confirmed.basicPublish("", QueueSettings.DLQ, new AMQP.BasicProperties.Builder().messageId("filler").build(), new byte[0]);
            confirmed.waitForConfirmsOrDie(5000);
        }
        String policy = "integrator-test-dlq-full-" + UUID.randomUUID();
        RabbitAvailable.rabbitmqctl("set_policy", "--apply-to", "queues", policy, "^integrator\\.DLQ$",
                "{\"max-length\":0,\"overflow\":\"reject-publish\"}");
        return new FullDeadLetterQueue() {
            /** Listing dead letters hands the filler back when its channel closes: wait until it is there to take. */
            @Override
            public void takeFiller() throws Exception {
                GetResponse r = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> channel.basicGet(QueueSettings.DLQ, false), Objects::nonNull);
                if (!"filler".equals(r.getProps().getMessageId())) {
                    throw new IllegalStateException("the filler of " + QueueSettings.DLQ + " is not there to take");
                }
                channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }

            @Override
            public void close() throws Exception {
                RabbitAvailable.rabbitmqctl("clear_policy", policy);
            }
        };
    }

    /** Deletes the front door's queues: RabbitMQ keeps them, and their messages, across test runs. */
    @Override
    public void purge() throws Exception {
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
