package dev.integrator;

import java.util.List;

/** Startup refused: every problem found in the definitions, reported together (file and place first). */
public class ConfigurationException extends RuntimeException {

    private final List<String> problems;

    public ConfigurationException(String what, List<String> problems) {
        super(problems.size() + " problem(s) in " + what + ":\n  - " + String.join("\n  - ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
