package dev.integrator.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of one call's path through the chain, read from the sources: one typed context, arrows that point down. */
class ChainShapeTest {

    private static final Path MAIN = Path.of("src/main/java/dev/integrator");
    /** A string-keyed exchange property, read or written; Camel's own caught exception is the one the links may read. */
    private static final Pattern PROPERTY_ACCESS = Pattern.compile("\\.(get|set)Property\\((?!Exchange\\.EXCEPTION_CAUGHT)");

    /** The chain reports to observe; an arrow back (through the chain's types or the Integrator above it) is a cycle. */
    @Test
    void observability_imports_nothing_from_the_chain_nor_the_integrator_above_it() {
        assertThat(sources(MAIN.resolve("observe"))
                .filter(file -> read(file).contains("import dev.integrator.chain.") || read(file).contains("import dev.integrator.runtime.Integrator;")))
                .as("observe files importing the chain or the Integrator")
                .isEmpty();
    }

    @Test
    void the_links_reach_the_call_only_through_its_context() {
        assertThat(sources(MAIN.resolve("chain"))
                .filter(file -> !file.getFileName().toString().equals("CallContext.java"))
                .filter(file -> PROPERTY_ACCESS.matcher(read(file)).find()))
                .as("chain files reading or writing exchange properties by key")
                .isEmpty();
    }

    @Test
    void the_integrator_builds_no_meta_of_its_own() {
        assertThat(read(MAIN.resolve("runtime/Integrator.java"))).doesNotContain("new Meta(");
    }

    private static Stream<Path> sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> java = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(java).as("sources under " + dir).isNotEmpty();
            return java.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
