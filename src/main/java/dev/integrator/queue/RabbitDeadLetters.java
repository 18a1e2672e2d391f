package dev.integrator.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * RabbitMQ cannot browse a queue: a page is read by taking dead letters without acknowledging them, up to the
 * end of the page, and closing the channel, which returns them all. A replay republishes with publisher confirms
 * before it acknowledges.
 */
final class RabbitDeadLetters implements Broker.DeadLetters {

    /** A fresh client factory for each look at the queue: its connection lives as long as the look. */
    private final Supplier<ConnectionFactory> amqp;

    RabbitDeadLetters(Supplier<ConnectionFactory> amqp) {
        this.amqp = amqp;
    }

    @Override
    public Broker.Page page(int offset, int limit) {
        return withChannel(ch -> {
            int total = ch.queueDeclarePassive(QueueSettings.DLQ).getMessageCount();
            List<Broker.DeadLetter> letters = new ArrayList<>();
            int seen = 0;
            GetResponse r;
            while (letters.size() < limit && (r = ch.basicGet(QueueSettings.DLQ, false)) != null) {
                if (seen++ >= offset) {
                    letters.add(describe(r));
                }
            }
            return new Broker.Page(letters, total);
        });
    }

    @Override
    public Broker.Replay replay(String id) {
        return withChannel(ch -> {
            ch.confirmSelect();
            int moved = 0;
            List<String> skipped = new ArrayList<>();
            GetResponse r;
            while ((r = ch.basicGet(QueueSettings.DLQ, false)) != null) {
                Broker.DeadLetter letter = describe(r);
                if (id == null || id.equals(letter.id())) {
                    if (letter.queue() == null) {
                        skipped.add(letter.id()); // left unacknowledged: back on the queue when the channel closes
                    } else {
                        AMQP.BasicProperties p = r.getProps();
                        AMQP.BasicProperties out = new AMQP.BasicProperties.Builder().correlationId(p.getCorrelationId())
                                .replyTo(p.getReplyTo()).messageId(p.getMessageId()).contentType(p.getContentType()).deliveryMode(2).build();
                        ch.basicPublish("", letter.queue(), out, r.getBody());
                        ch.waitForConfirmsOrDie(RabbitBroker.CONFIRM_TIMEOUT_MS);
                        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                        moved++;
                    }
                    if (id != null) {
                        break; // the others go back unacknowledged when the channel closes
                    }
                }
            }
            return new Broker.Replay(moved, skipped);
        });
    }

    private Broker.DeadLetter describe(GetResponse r) {
        AMQP.BasicProperties p = r.getProps();
        Map<String, Object> h = p.getHeaders() == null ? Map.of() : p.getHeaders();
        String queue = text(h.get(FrontDoor.QUEUE_PROPERTY));
        String reason = text(h.get(FrontDoor.REASON_PROPERTY));
        if (queue == null) {
            queue = text(h.get("x-first-death-queue"));
        }
        if (reason == null && h.get("x-first-death-reason") != null) {
            reason = "dead-lettered by RabbitMQ (" + text(h.get("x-first-death-reason"))
                    + "): delivered too often without being acknowledged (the consumer failed or crashed)";
        }
        String id = p.getMessageId() != null ? p.getMessageId() : p.getCorrelationId() != null ? "corr:" + p.getCorrelationId()
                : "tag:" + r.getEnvelope().getDeliveryTag();
        return new Broker.DeadLetter(id, queue, reason, text(h.get(FrontDoor.FAILED_AT_PROPERTY)), r.getBody().length);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private <T> T withChannel(ChannelWork<T> work) {
        try (Connection c = amqp.get().newConnection("integrator-dlq"); Channel ch = c.createChannel()) {
            return work.run(ch);
        } catch (IOException | TimeoutException | InterruptedException e) {
            throw new IllegalStateException("cannot read " + QueueSettings.DLQ + " on RabbitMQ: " + RabbitBroker.rootMessage(e), e);
        }
    }

    @FunctionalInterface
    private interface ChannelWork<T> {
        T run(Channel ch) throws IOException, TimeoutException, InterruptedException;
    }
}
