package dev.integrator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code integrator run} in a child JVM on the test classpath, to kill with SIGKILL or stop with SIGTERM. */
public final class ChildRun implements AutoCloseable {

    private final Process process;

    private ChildRun(Process process) {
        this.process = process;
    }

    /** Starts the child and waits for its startup line (the service is consuming when it is printed). */
    public static ChildRun start(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.integrator.cli.Main", "run"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Several children run at once: each takes a free management port unless the test names one.
        pb.environment().put("INTEGRATOR_MANAGEMENT_PORT", "0");
        pb.environment().put("INTEGRATOR_WEBHOOK_PORT", "0");
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("integrator run:")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = started.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            line = null;
        }
        if (line == null) {
            // Not started, or started too slowly: it must not outlive the test that gave up on it.
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(line).as("child started within 90 s (see %s)", log).isNotNull();
        return new ChildRun(p);
    }

    /** kill -9: no shutdown hook, nothing flushed, nothing acknowledged. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
