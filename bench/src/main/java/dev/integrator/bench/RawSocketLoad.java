package dev.integrator.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stub's capacity on its own: a minimal HTTP/1.1 client on raw keep-alive sockets (one request in flight per
 * connection, no pipelining), far cheaper per request than any scenario, so that the stub is what it measures.
 */
final class RawSocketLoad {

    private RawSocketLoad() {
    }

    /** Requests per second the stub served to {@code connections} raw clients over {@code measureMs}. */
    static double run(int port, Payload payload, int connections, long warmMs, long measureMs) throws InterruptedException {
        byte[] request = ("GET " + payload.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        LongAdder count = new LongAdder();
        long start = System.nanoTime();
        long from = start + warmMs * 1_000_000;
        long end = from + measureMs * 1_000_000;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
                    byte[] sink = new byte[65536];
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        out.write(request);
                        out.flush();
                        readResponse(in, sink);
                        if (now >= from) {
                            count.increment();
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("raw load failed: " + e.getMessage(), e);
                }
            });
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return count.sum() / (measureMs / 1000.0);
    }

    private static void readResponse(InputStream in, byte[] sink) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String l = line.toString().trim();
                if (l.isEmpty()) {
                    break;
                }
                int colon = l.indexOf(':');
                if (colon > 0 && l.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(l.substring(colon + 1).trim());
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length");
        }
        while (length > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, length));
            if (n < 0) {
                throw new IOException("connection closed in the body");
            }
            length -= n;
        }
    }
}
