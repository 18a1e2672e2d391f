package dev.integrator.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import dev.integrator.queue.QueueFrontDoor;
import dev.integrator.queue.QueueSettings;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Request/reply through each broker against the direct endpoint, on the same stub and the same 1 KB body:
 * {@code bench/run-queues} writes {@code bench/RESULTS-queues.md}. Closed loop at a fixed concurrency, rounds in
 * rotating order; latency is each call's full round trip (send, chain, reply), so at a fixed concurrency it also
 * holds the queueing in front of the consumers. Not part of {@code mvn -B verify}.
 */
public final class QueueRoundTrip {

    private static final int CONCURRENCY = 8;
    private static final byte[] REQUEST = ("{\"owner\":\"o\",\"repo\":\"" + Payload.KB1.repo + "\"}").getBytes(StandardCharsets.UTF_8);

    /** One way to make the same call; each thread gets its own client. */
    interface Way {
        String name();

        Client client() throws Exception;
    }

    interface Client extends AutoCloseable {
        void call() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    record Result(String way, double perSecond, double p50Ms, double p99Ms, long errors) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        long warmMs = quick ? 3_000 : 10_000;
        long measureMs = quick ? 5_000 : 20_000;
        int rounds = quick ? 1 : 3;
        Path repo = Path.of(System.getProperty("integrator.home"));
        Path work = Files.createTempDirectory("queue-bench");
        String classpath = System.getProperty("java.class.path");
        List<Way> ways = new ArrayList<>();
        List<AutoCloseable> closeLast = new ArrayList<>();
        try (StubProcess stub = new StubProcess(classpath, 8, 1_000_000, 1_000_000, 3600)) {
            FullChain direct = new FullChain("direct endpoint", repo, stub.baseUrl);
            closeLast.add(direct.integrator());
            ways.add(way("direct endpoint", () -> () -> direct.call(Payload.KB1)));

            int port = freePort();
            QueueSettings artemis = QueueSettings.fromEnv(repo, Map.of("INTEGRATOR_DATA_DIR", work.resolve("data").toString(),
                    "INTEGRATOR_ARTEMIS_PORT", String.valueOf(port), "INTEGRATOR_CONSUMERS", String.valueOf(CONCURRENCY)));
            closeLast.add(0, QueueFrontDoor.start(direct.integrator(), artemis));
            ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            ways.add(way("embedded Artemis (CORE over TCP)", () -> artemisClient(jms)));

            if (rabbitUp()) {
                FullChain forRabbit = new FullChain("rabbit", repo, stub.baseUrl);
                closeLast.add(forRabbit.integrator());
                QueueSettings rabbit = QueueSettings.fromEnv(repo, Map.of("INTEGRATOR_BROKER", "rabbitmq",
                        "INTEGRATOR_CONSUMERS", String.valueOf(CONCURRENCY)));
                closeLast.add(0, QueueFrontDoor.start(forRabbit.integrator(), rabbit));
                ConnectionFactory amqp = new ConnectionFactory();
                amqp.setUri(rabbit.rabbitUrl());
                ways.add(way("RabbitMQ (AMQP 0-9-1, quorum queue)", () -> rabbitClient(amqp)));
            }

            Map<String, List<Result>> results = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < ways.size(); i++) {
                    Way w = ways.get((i + round) % ways.size());
                    Result r = run(w, warmMs, measureMs);
                    System.err.printf("round %d %-40s %8.0f calls/s p50 %6.2f ms p99 %6.2f ms errors %d%n",
                            round + 1, w.name(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.errors());
                    results.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(r);
                }
            }
            write(repo.resolve("bench/RESULTS-queues.md"), ways, results, quick, rounds, measureMs);
        } finally {
            for (AutoCloseable c : closeLast) {
                c.close();
            }
        }
    }

    private static Way way(String name, ClientFactory factory) {
        return new Way() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Client client() throws Exception {
                return factory.create();
            }
        };
    }

    @FunctionalInterface
    interface ClientFactory {
        Client create() throws Exception;
    }

    private static Client artemisClient(ActiveMQConnectionFactory factory) throws Exception {
        Connection c = factory.createConnection();
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = s.createProducer(s.createQueue("integrator.github.issues.list"));
        TemporaryQueue replies = s.createTemporaryQueue();
        MessageConsumer consumer = s.createConsumer(replies);
        return new Client() {
            @Override
            public void call() throws Exception {
                TextMessage m = s.createTextMessage(new String(REQUEST, StandardCharsets.UTF_8));
                m.setJMSReplyTo(replies);
                producer.send(m);
                TextMessage reply = (TextMessage) consumer.receive(30_000);
                if (reply == null || !reply.getText().startsWith("{\"ok\":true")) {
                    throw new IllegalStateException("no ok reply: " + (reply == null ? "timeout" : reply.getText()));
                }
            }

            @Override
            public void close() throws Exception {
                c.close();
            }
        };
    }

    private static Client rabbitClient(ConnectionFactory factory) throws Exception {
        com.rabbitmq.client.Connection c = factory.newConnection("queue-bench");
        Channel ch = c.createChannel();
        String replies = ch.queueDeclare().getQueue();
        java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        ch.basicConsume(replies, true, (tag, d) -> got.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo(replies).build();
        return new Client() {
            @Override
            public void call() throws Exception {
                ch.basicPublish("", "integrator.github.issues.list", props, REQUEST);
                String reply = got.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                if (reply == null || !reply.startsWith("{\"ok\":true")) {
                    throw new IllegalStateException("no ok reply: " + reply);
                }
            }

            @Override
            public void close() throws Exception {
                c.close();
            }
        };
    }

    private static Result run(Way way, long warmMs, long measureMs) throws Exception {
        Recorder recorder = new Recorder(3);
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmMs * 1_000_000;
        long end = measureFrom + measureMs * 1_000_000;
        CountDownLatch done = new CountDownLatch(CONCURRENCY);
        for (int t = 0; t < CONCURRENCY; t++) {
            Client client = way.client();
            new Thread(() -> {
                try (client) {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        try {
                            client.call();
                            long after = System.nanoTime();
                            if (now >= measureFrom) {
                                calls.increment();
                                recorder.recordValue((after - now) / 1000);
                            }
                        } catch (Exception e) {
                            errors.increment();
                        }
                    }
                } catch (Exception e) {
                    errors.increment();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        // The measured window ends at `end`: reset the recorder when it opens, read it when it closes.
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        recorder.reset();
        done.await();
        Histogram h = recorder.getIntervalHistogram();
        return new Result(way.name(), calls.sum() / (measureMs / 1000.0), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, errors.sum());
    }

    private static void write(Path file, List<Way> ways, Map<String, List<Result>> results, boolean quick, int rounds, long measureMs)
            throws IOException {
        StringBuilder md = new StringBuilder("# Queue front door: request/reply through each broker against the direct endpoint\n\n");
        md.append("Written by `bench/run-queues").append(quick ? " --quick" : "").append("` on ").append(System.getProperty("bench.date", "?"))
                .append(", commit ").append(System.getProperty("bench.commit", "?")).append("; ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(". Same stub (its own JVM), same 1 KB `github.issues.list` body, ").append(CONCURRENCY)
                .append(" callers in a closed loop, each with its own connection and reply queue; ").append(rounds)
                .append(" round(s) of ").append(measureMs / 1000).append(" s per way in rotating order, medians shown. Latency is the full")
                .append(" round trip (send, consume, chain, reply) of each call. The brokers run ").append(CONCURRENCY)
                .append(" consumers per queue; Artemis in the same JVM as the chain, RabbitMQ as the local server.\n\n");
        md.append("| way | calls/s | x direct | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        double directRate = median(results.get(ways.get(0).name()), Result::perSecond);
        for (Way w : ways) {
            List<Result> rs = results.get(w.name());
            double rate = median(rs, Result::perSecond);
            md.append(String.format("| %s | %.0f | %.2f | %.2f | %.2f | %d |%n", w.name(), rate, rate / directRate,
                    median(rs, Result::p50Ms), median(rs, Result::p99Ms), rs.stream().mapToLong(Result::errors).sum()));
        }
        if (ways.size() < 3) {
            md.append("\nRabbitMQ did not answer on 127.0.0.1:5672, so it was left out of this run.\n");
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + file);
    }

    private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean rabbitUp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
