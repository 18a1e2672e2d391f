package dev.integrator.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the benchmark's own on a free loopback port, keeping nothing on disk; it stops with the benchmark.
 * Its CPU time (INFO cpu) is read so a Redis-backed budget's cost can include the server's share.
 */
final class RedisServer implements AutoCloseable {

    private final Process process;
    final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one, or returns null (with the reason on stderr) when redis-server cannot run here. */
    static RedisServer startOrNull() {
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RedisServer redis = new RedisServer(p, port);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until && p.isAlive()) {
                try {
                    redis.cpuSeconds();
                    return redis;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            redis.close();
            System.err.println("redis-server did not answer on port " + port);
        } catch (IOException e) {
            System.err.println("redis-server could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's CPU time so far (used_cpu_sys + used_cpu_user), in seconds. */
    double cpuSeconds() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.getOutputStream().write("INFO cpu\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            double cpu = 0;
            for (String line : all.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1));
                }
            }
            return cpu;
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
