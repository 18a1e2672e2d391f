package dev.integrator.webhook;

import dev.integrator.chain.base.SettingsCheck;
import dev.integrator.webhook.verify.SignatureSchemes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a provider's inbound webhooks are received ({@code webhooks:} in the provider settings; {@code null} means no
 * ingress for it). {@code scheme} names the signature scheme ({@link SignatureSchemes#NAMES}); {@code secretEnv} is
 * the environment variable holding the signing secret, several comma-separated while one is rotated out;
 * {@code maxBodyBytes} bounds one delivery's body; {@code toleranceSeconds} is the replay window, both ways, for the
 * schemes that sign a timestamp; {@code dedupeSeconds} is how long a delivery id is remembered (at least as long as
 * the provider retries); {@code events} are the event types accepted. The optional fields take their values from
 * {@code webhookDefaults} in {@code routes/defaults.yaml}.
 */
public record WebhookSettings(
        String scheme,
        String secretEnv,
        long maxBodyBytes,
        long toleranceSeconds,
        long dedupeSeconds,
        List<String> events) {

    /** An environment variable name, as the ops notes and the shells that set it spell them. */
    private static final String ENV_NAME = "[A-Z_][A-Z0-9_]*";
    /** Above this the ingress would hold too much of one request in memory (GitHub sends up to 25 MB). */
    public static final long MAX_BODY_LIMIT = 100L * 1024 * 1024;

    public List<String> problems() {
        return new SettingsCheck()
                .rule(scheme != null && SignatureSchemes.NAMES.contains(scheme), "webhooks.scheme",
                        "one of " + String.join(", ", SignatureSchemes.NAMES), scheme)
                .rule(secretEnv != null && secretEnv.matches(ENV_NAME), "webhooks.secretEnv",
                        "an environment variable name (" + ENV_NAME + ")", secretEnv)
                .rule(maxBodyBytes > 0 && maxBodyBytes <= MAX_BODY_LIMIT, "webhooks.maxBodyBytes",
                        "between 1 and " + MAX_BODY_LIMIT, maxBodyBytes)
                .rule(toleranceSeconds >= 1 && toleranceSeconds <= 3600, "webhooks.toleranceSeconds", "1..3600",
                        toleranceSeconds)
                .rule(dedupeSeconds >= 60, "webhooks.dedupeSeconds", ">= 60", dedupeSeconds)
                .rule(events != null && !events.isEmpty() && events.stream().allMatch(WebhookSettings::isEventType),
                        "webhooks.events", "a non-empty list of event types ([a-z0-9_.]+)", events)
                .problems();
    }

    private static boolean isEventType(String event) {
        return event != null && event.matches("[a-z0-9_.]+");
    }

    public Duration tolerance() {
        return Duration.ofSeconds(toleranceSeconds);
    }

    public Duration dedupeWindow() {
        return Duration.ofSeconds(dedupeSeconds);
    }

    /**
     * The secrets currently set in {@code secretEnv}, trimmed, empty entries dropped; empty when the variable is unset,
     * so every delivery is refused rather than accepted unsigned.
     */
    public List<String> secrets(Map<String, String> env) {
        String value = env.get(secretEnv);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
