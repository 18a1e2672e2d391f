package dev.integrator.webhook.verify;

import java.util.List;
import java.util.Map;

/** The signature schemes by the name a provider's {@code webhooks.scheme} gives them. */
public final class SignatureSchemes {

    public static final String GITHUB = "github";
    public static final String STRIPE = "stripe";
    public static final String SLACK = "slack";
    public static final String STANDARD = "standard";
    public static final List<String> NAMES = List.of(GITHUB, STRIPE, SLACK, STANDARD);

    private static final Map<String, SignatureScheme> SCHEMES = Map.of(
            GITHUB, new HmacScheme(new GitHubProfile()),
            STRIPE, new HmacScheme(new StripeProfile()),
            SLACK, new HmacScheme(new SlackProfile()),
            STANDARD, new HmacScheme(new StandardProfile()));

    private SignatureSchemes() {
    }

    /** The scheme named {@code name}; an unknown name is a programming error, as the settings were checked at start. */
    public static SignatureScheme of(String name) {
        SignatureScheme scheme = SCHEMES.get(name);
        if (scheme == null) {
            throw new IllegalArgumentException("signature scheme must be one of " + NAMES + ", but was " + name);
        }
        return scheme;
    }
}
