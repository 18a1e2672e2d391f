package dev.integrator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The stub in its own JVM, so that its CPU is not counted as the caller's. */
final class StubProcess implements AutoCloseable {

    /** What /stats tells: requests served, quota answers 200 and 429, the stub JVM's CPU time. */
    record Stats(long served, long quotaOk, long quotaRefused, long cpuNanos) {
    }

    private final Process process;
    final int port;
    final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    StubProcess(String classpath, int threads, double quotaPerSecond, int quotaBurst, long lifetimeSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(Harness.java(), "-Xms512m", "-Xmx512m",
                // Without it, the JDK server's Nagle delay holds small responses back for tens of milliseconds.
                "-Dsun.net.httpserver.nodelay=true",
                // Keep idle keep-alive connections (default 30 s, at most 200): a client reusing one the server has
                // just closed sees "no response", which would count as a failed call between phases.
                "-Dsun.net.httpserver.idleInterval=3600", "-Dsun.net.httpserver.maxIdleConnections=1000",
                "-cp", classpath, Stub.class.getName(),
                String.valueOf(threads), String.valueOf(quotaPerSecond), String.valueOf(quotaBurst), String.valueOf(lifetimeSeconds)));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroy();
            throw new IOException("the stub did not start: " + line);
        }
        port = Integer.parseInt(line.substring(5).trim());
        baseUrl = "http://127.0.0.1:" + port;
    }

    Stats stats() throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/stats")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] f = body.trim().split(" ");
        return new Stats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it stops by itself anyway
        }
        process.destroy();
    }
}
