package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may know which, read from the imports of src/main. The core never knows a provider's typed client,
 * observation never reaches back up to the facade or across to the queues, and fixtures and the sandbox do not know
 * each other both ways. No package reaches itself again through its imports: a cycle fails the build, printed with
 * the file and import behind each of its arrows, so it is cut where it appears.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String ROOT = "dev.integrator";
    /** An import or a qualified name in the code: both make the dependency. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.integrator(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");

    /** Every source file of src/main: its package and the dev.integrator classes it uses by name (package.Class). */
    private static final Map<Path, Source> SOURCES = sources();

    private record Source(String pkg, Set<String> imports) {
    }

    @Test
    void the_root_package_knows_no_provider() {
        assertThat(packageImports("")).as("what dev.integrator imports").doesNotContain(ROOT + ".github");
    }

    @Test
    void the_github_typed_client_is_built_on_the_root_interface_not_on_the_integrator() {
        assertThat(importers(Integrator.class.getName())).as("who uses the Integrator class")
                .noneMatch(file -> file.startsWith(MAIN.resolve("dev/integrator/github")));
    }

    @Test
    void observation_does_not_reach_back_up_to_the_integrator_or_across_to_the_queues() {
        assertThat(importers(Integrator.class.getName())).as("who uses the Integrator class")
                .noneMatch(file -> file.startsWith(MAIN.resolve("dev/integrator/observe")));
        assertThat(packageImports("observe")).doesNotContain(ROOT + ".queue");
    }

    @Test
    void fixtures_and_the_sandbox_do_not_import_each_other_both_ways() {
        assertThat(packageImports("sandbox")).doesNotContain(ROOT + ".fixture");
    }

    @Test
    void no_file_of_src_main_is_over_300_lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            assertThat(files.filter(Files::isRegularFile).filter(file -> lines(file) > 300).toList()).as("files of src/main over 300 lines").isEmpty();
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void no_package_of_src_main_imports_its_way_back_to_itself() {
        Map<String, Set<String>> graph = graph();
        assertThat(cycles(graph).stream().map(c -> "packages in one cycle: " + c + "\n" + closingEdges(c)).toList())
                .as("package cycles in src/main, each with one import behind each of its arrows").isEmpty();
    }

    /** One import per arrow between two packages of a cycle, "from -> to: File.java uses Class", one a line. */
    private static String closingEdges(Set<String> cycle) {
        Map<String, String> arrows = new TreeMap<>();
        SOURCES.forEach((file, source) -> source.imports().stream()
                .filter(i -> !packageOf(i).equals(source.pkg()) && cycle.contains(source.pkg()) && cycle.contains(packageOf(i)))
                .forEach(i -> arrows.putIfAbsent(source.pkg() + " -> " + packageOf(i), file.getFileName() + " uses " + i)));
        StringBuilder lines = new StringBuilder();
        arrows.forEach((arrow, edge) -> lines.append("  ").append(arrow).append(": ").append(edge).append('\n'));
        return lines.toString();
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static Set<String> packageImports(String pkg) {
        return graph().getOrDefault(pkg.isEmpty() ? ROOT : ROOT + "." + pkg, Set.of());
    }

    /** The files that use {@code name}: a class, or any class of a package. */
    private static List<Path> importers(String name) {
        return SOURCES.entrySet().stream().filter(e -> e.getValue().imports().stream().anyMatch(i -> i.equals(name) || i.startsWith(name + ".")))
                .map(Map.Entry::getKey).toList();
    }

    /** Package to the other packages of dev.integrator that it imports. */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        SOURCES.values().forEach(s -> {
            Set<String> to = graph.computeIfAbsent(s.pkg(), p -> new TreeSet<>());
            s.imports().forEach(i -> {
                String target = packageOf(i);
                if (!target.equals(s.pkg())) {
                    to.add(target);
                }
            });
        });
        return graph;
    }

    /** The groups of packages that reach each other through their imports (each a cycle, or several joined). */
    private static Set<Set<String>> cycles(Map<String, Set<String>> graph) {
        Set<Set<String>> cycles = new LinkedHashSet<>();
        for (String a : graph.keySet()) {
            Set<String> group = new TreeSet<>();
            graph.keySet().stream().filter(b -> !a.equals(b) && reaches(graph, a, b) && reaches(graph, b, a)).forEach(group::add);
            if (!group.isEmpty()) {
                group.add(a);
                cycles.add(group);
            }
        }
        return cycles;
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(to)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }

    private static Map<Path, Source> sources() {
        Map<Path, Source> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f).replaceFirst("(?m)^package .*$", "");
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> imports = new TreeSet<>();
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    imports.add(m.group(1) + "." + m.group(2));
                }
                sources.put(f, new Source(pkg, imports));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
