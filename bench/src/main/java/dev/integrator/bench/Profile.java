package dev.integrator.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's "profile" settings) around a closed-loop run, summed up by where the CPU samples and
 * the sampled allocations land: each sample goes to the first frame, from the top of its stack, that belongs to a
 * known library or to our code, so JDK helpers count for whoever called them.
 */
final class Profile {

    /** Class-name prefixes and the bucket they stand for, most specific first. */
    private static final List<Map.Entry<String, String>> BUCKETS = List.of(
            Map.entry("com.fasterxml.jackson", "Jackson (parse, tree)"),
            Map.entry("com.networknt", "networknt (schema validation)"),
            Map.entry("dev.integrator.github", "DTO mapping"),
            Map.entry("dev.integrator.normalize", "DTO mapping"),
            Map.entry("dev.integrator.bench.HandWritten.issue", "DTO mapping"),
            Map.entry("jdk.internal.net.http", "JDK HttpClient"),
            Map.entry("java.net.http", "JDK HttpClient"),
            Map.entry("org.apache.hc", "Apache HttpClient"),
            Map.entry("sun.nio.ch", "socket I/O"),
            Map.entry("io.github.resilience4j", "Resilience4j"),
            Map.entry("dev.integrator.bench.HandWritten", "hand-written client code"),
            Map.entry("dev.integrator.bench", "harness"),
            Map.entry("dev.integrator", "integrator chain steps"),
            Map.entry("org.apache.camel", "Camel engine"),
            Map.entry("ch.qos.logback", "logging"),
            Map.entry("org.slf4j", "logging"));

    record Summary(String scenario, long cpuSamples, Map<String, Double> cpuShare, Map<String, Double> allocShare, List<String> topSelf) {
    }

    private Profile() {
    }

    static Summary record(Scenario s, Payload p, int concurrency, long seconds, Path file) throws IOException, InterruptedException {
        Recording recording = new Recording();
        try {
            Map<String, String> settings = new java.util.HashMap<>(Configuration.getConfiguration("profile").getSettings());
            // The default 10-20 ms period gives a few dozen samples per second here: too few to read.
            settings.put("jdk.ExecutionSample#period", "1 ms");
            recording.setSettings(settings);
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
        recording.start();
        Load.closed(s, p, concurrency, 0, seconds * 1000);
        recording.stop();
        recording.dump(file);
        recording.close();
        return summarize(s.name(), RecordingFile.readAllEvents(file));
    }

    static Summary summarize(String scenario, List<RecordedEvent> events) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        Map<String, Double> alloc = new LinkedHashMap<>();
        Map<String, Long> self = new LinkedHashMap<>();
        long samples = 0;
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty() || isIdle(e)) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                cpu.merge(bucket(stack), 1L, Long::sum);
                self.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                alloc.merge(bucket(stack), (double) e.getLong("weight"), Double::sum);
            }
        }
        long total = samples;
        double allocTotal = alloc.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Summary(scenario, samples, share(cpu, v -> (double) v / total), share(alloc, v -> v / allocTotal),
                self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .map(x -> x.getKey() + " " + Math.round(100.0 * x.getValue() / total) + "%").toList());
    }

    /** The load threads' own waiting frames are not work. */
    private static boolean isIdle(RecordedEvent e) {
        String top = frame(e.getStackTrace().getFrames().get(0));
        return top.startsWith("jdk.internal.misc.Unsafe.park") || top.startsWith("java.lang.Thread.sleep");
    }

    private static <V> Map<String, Double> share(Map<String, V> counts, Function<V, Double> f) {
        return counts.entrySet().stream().sorted((a, b) -> Double.compare(f.apply(b.getValue()), f.apply(a.getValue())))
                .collect(Collectors.toMap(Map.Entry::getKey, x -> f.apply(x.getValue()), (a, b) -> a, LinkedHashMap::new));
    }

    static String bucket(RecordedStackTrace stack) {
        for (RecordedFrame f : stack.getFrames()) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (Map.Entry<String, String> b : BUCKETS) {
                if (name.startsWith(b.getKey())) {
                    return b.getValue();
                }
            }
        }
        return "JDK, other";
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
