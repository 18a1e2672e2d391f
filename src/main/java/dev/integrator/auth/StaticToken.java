package dev.integrator.auth;

import dev.integrator.ConfigurationException;
import java.util.List;
import java.util.Map;

/** A token read once from the environment (auth.tokenEnv): the same on every attempt, never refreshed. */
public final class StaticToken implements TokenSource {

    private final String token;

    private StaticToken(String token) {
        this.token = token;
    }

    /** The token in {@code env} under {@code tokenEnv}; none when the name or the value is absent or blank. */
    public static StaticToken of(String tokenEnv, Map<String, String> env) {
        String value = tokenEnv == null ? null : env.get(tokenEnv);
        if (value == null || value.isBlank()) {
            return new StaticToken(null);
        }
        if (value.contains("\r") || value.contains("\n")) {
            // A line break would end the header and let the rest of the value pass as headers of its own.
            throw new ConfigurationException("environment", List.of(tokenEnv + " must not contain a line break"));
        }
        return new StaticToken(value.trim());
    }

    @Override
    public String token() {
        return token;
    }

    /** Nothing else to try: the same token would be refused again. */
    @Override
    public boolean refused(String refused) {
        return false;
    }
}
