package dev.integrator.redact;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tokens recognisable by shape alone. A few shapes are masked whatever the provider (JWTs, AWS access key ids, Slack
 * tokens, webhook signing secrets of Stripe and Standard Webhooks); each provider adds its own credentials' shapes in its {@code secretShapes} setting (GitHub's
 * {@code ghp_...}), and every provider's shapes apply to every text, since a token can turn up in another's data.
 */
final class TokenShapes {

    private static final List<String> COMMON = List.of(
            "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}",
            "(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![A-Za-z0-9])",
            "(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}",
            "(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/=_-]{8,}");

    private TokenShapes() {
    }

    /** One pattern matching the common shapes and {@code providerShapes}, regular expressions the settings checked. */
    static Pattern pattern(Collection<String> providerShapes) {
        return Pattern.compile(String.join("|", Stream.concat(COMMON.stream(), providerShapes.stream()).map(s -> "(?:" + s + ")").toList()));
    }
}
