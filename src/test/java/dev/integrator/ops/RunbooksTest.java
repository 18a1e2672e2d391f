package dev.integrator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.ErrorCode;
import dev.integrator.webhook.ingress.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every error code has a runbook with its three sections, the index lists them all, and their links resolve. */
class RunbooksTest {

    private static final Path RUNBOOKS = Path.of("ops/runbooks");
    /** Webhook deliveries have outcomes, not error codes: one page, a section per outcome. */
    private static final Path WEBHOOKS = RUNBOOKS.resolve("webhooks.md");
    private static final List<String> SECTIONS = List.of("## What it means", "## What to check", "## What to do");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");

    @Test
    void every_error_code_has_a_runbook_with_the_three_sections_in_order_and_non_empty() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            Path page = RUNBOOKS.resolve(code.name() + ".md");
            if (!Files.isRegularFile(page)) {
                problems.add(page + ": missing");
                continue;
            }
            problems.addAll(sectionProblems(page, Files.readAllLines(page, StandardCharsets.UTF_8)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void no_runbook_exists_for_a_code_that_is_not_an_error_code() throws IOException {
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(pages()).filteredOn(page -> !page.equals(WEBHOOKS))
                .allSatisfy(page -> assertThat(codes).as("runbook " + page).contains(stem(page)));
    }

    @Test
    void the_webhook_runbook_has_a_section_for_every_outcome_each_with_the_three_parts_in_order_and_the_index_links_it()
            throws IOException {
        List<String> lines = Files.readAllLines(WEBHOOKS, StandardCharsets.UTF_8);
        List<String> sections = lines.stream().filter(l -> l.startsWith("## ")).map(l -> l.substring(3).strip())
                .toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            int start = lines.indexOf("## " + sections.get(i));
            int end = i + 1 < sections.size() ? lines.indexOf("## " + sections.get(i + 1)) : lines.size();
            List<String> parts = lines.subList(start, end).stream().map(l -> l.startsWith("### ") ? "## "
                    + l.substring(4) : l).toList();
            problems.addAll(sectionProblems(Path.of(WEBHOOKS + "#" + sections.get(i)), parts.subList(1, parts.size())));
        }

        assertThat(sections).containsExactlyInAnyOrderElementsOf(Arrays.stream(Outcome.values()).map(Outcome::tag)
                .toList());
        assertThat(problems).isEmpty();
        assertThat(links(Files.readString(RUNBOOKS.resolve("README.md"), StandardCharsets.UTF_8)))
                .contains("webhooks.md");
    }

    @Test
    void the_index_links_every_code() throws IOException {
        String index = Files.readString(RUNBOOKS.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> linked = links(index).stream().map(RunbooksTest::stem)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(linked).containsAll(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void every_relative_link_in_the_runbooks_points_to_a_file_that_exists() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> files = new ArrayList<>(pages());
        files.add(RUNBOOKS.resolve("README.md"));
        for (Path file : files) {
            for (String target : links(Files.readString(file, StandardCharsets.UTF_8))) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue;
                }
                String path = target.replaceFirst("#.*$", "");
                if (!Files.exists(file.getParent().resolve(path).normalize())) {
                    broken.add(file + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** Each section once, in order, each with some text before the next heading. */
    private static List<String> sectionProblems(Path page, List<String> lines) {
        List<String> problems = new ArrayList<>();
        List<String> headings = lines.stream().filter(l -> l.startsWith("## ")).map(String::strip).toList();
        if (!headings.equals(SECTIONS)) {
            problems.add(page + ": sections must be exactly " + SECTIONS + ", but were " + headings);
            return problems;
        }
        for (String section : SECTIONS) {
            int start = lines.indexOf(section) + 1;
            boolean text = false;
            for (int i = start; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
                text |= !lines.get(i).isBlank();
            }
            if (!text) {
                problems.add(page + ": section '" + section + "' is empty");
            }
        }
        return problems;
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        Matcher m = LINK.matcher(markdown);
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }

    private static String stem(Path page) {
        return stem(page.getFileName().toString());
    }

    private static String stem(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.endsWith(".md") ? file.substring(0, file.length() - 3) : file;
    }
}
