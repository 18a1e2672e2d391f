package dev.integrator.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.integrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Request/reply callers on one RabbitMQ queue, in a closed loop: each sends, waits for its reply, then for its next
 * slot, the slots of all callers together making the offered rate. Each caller has its own exclusive reply queue;
 * a reply for an earlier request (a redelivered message answered twice) is skipped. Every outcome is kept with the
 * time it came back: "ok", the error code of the envelope, or NO_REPLY after {@code replyTimeoutMs}.
 */
final class PacedCallers implements AutoCloseable {

    /** One call: when its reply came back ({@link System#nanoTime()}) and what it was. */
    record Outcome(long nanos, String code) {
    }

    private final Connection connection;
    private final String queue;
    private final byte[] request;
    private final long replyTimeoutMs;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    PacedCallers(String rabbitUrl, String queue, String request, long replyTimeoutMs) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbitUrl);
        this.connection = factory.newConnection("paced-callers");
        this.queue = queue;
        this.request = request.getBytes(StandardCharsets.UTF_8);
        this.replyTimeoutMs = replyTimeoutMs;
    }

    /**
     * {@code callers} threads offering {@code perSecond} calls per second between them from now for
     * {@code millis}; returns when every caller has its last reply (or gave up on it).
     */
    void run(int callers, double perSecond, long millis) throws Exception {
        long periodNanos = (long) (1e9 * callers / perSecond);
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Channel channel = connection.createChannel();
            long first = start + i * periodNanos / callers;
            Thread t = new Thread(() -> loop(channel, first, periodNanos, end), "caller-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(millis + 2 * replyTimeoutMs);
        }
    }

    private void loop(Channel channel, long first, long periodNanos, long end) {
        try {
            BlockingQueue<Delivery> replies = new LinkedBlockingQueue<>();
            String replyTo = channel.queueDeclare().getQueue();
            channel.basicConsume(replyTo, true, (tag, delivery) -> replies.add(delivery), tag -> { });
            for (long next = first; next < end; ) {
                LockSupport.parkNanos(next - System.nanoTime());
                outcomes.add(call(channel, replyTo, replies));
                next = Math.max(next + periodNanos, System.nanoTime());
            }
        } catch (Exception e) {
            outcomes.add(new Outcome(System.nanoTime(), "CALLER_FAILED: " + e));
        }
    }

    private Outcome call(Channel channel, String replyTo, BlockingQueue<Delivery> replies) throws Exception {
        String id = UUID.randomUUID().toString();
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().correlationId(id).replyTo(replyTo).deliveryMode(2)
                .build(), request);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(replyTimeoutMs);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            Delivery reply = replies.poll(left, TimeUnit.NANOSECONDS);
            if (reply != null && id.equals(reply.getProperties().getCorrelationId())) {
                JsonNode envelope = Json.MAPPER.readTree(reply.getBody());
                return new Outcome(System.nanoTime(), envelope.path("ok").asBoolean() ? "ok" : envelope.at("/error/code").asText());
            }
        }
        return new Outcome(System.nanoTime(), "NO_REPLY");
    }

    /** Outcomes that came back in {@code [from, to)}, counted by code ("ok" for a success). */
    Map<String, Long> outcomes(long from, long to) {
        return outcomes.stream().filter(o -> o.nanos() >= from && o.nanos() < to)
                .collect(Collectors.groupingBy(Outcome::code, TreeMap::new, Collectors.counting()));
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
