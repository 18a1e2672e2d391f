package dev.integrator.chain.base;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems of one link's settings record, every one at once, each as "field must be rule, but was value": the
 * provider loader prefixes them with the file they came from.
 */
public final class SettingsCheck {

    private final List<String> problems = new ArrayList<>();

    public SettingsCheck rule(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            problems.add(field + " must be " + rule + ", but was " + value);
        }
        return this;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
