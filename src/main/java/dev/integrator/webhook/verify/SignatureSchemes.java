package dev.integrator.webhook.verify;

import java.util.List;

/** The signature schemes by the name a provider's {@code webhooks.scheme} gives them. */
public final class SignatureSchemes {

    public static final String GITHUB = "github";
    public static final String STRIPE = "stripe";
    public static final String SLACK = "slack";
    public static final String STANDARD = "standard";
    public static final List<String> NAMES = List.of(GITHUB, STRIPE, SLACK, STANDARD);

    private SignatureSchemes() {
    }

    /** The scheme named {@code name}; an unknown name is a programming error, as the settings were checked at start. */
    public static SignatureScheme of(String name) {
        throw new UnsupportedOperationException("signature scheme " + name + " is not built yet");
    }
}
