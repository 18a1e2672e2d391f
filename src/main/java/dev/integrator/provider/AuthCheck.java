package dev.integrator.provider;

import dev.integrator.auth.OAuthSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks a provider's {@code auth} block and resolves its token URL from the environment. */
final class AuthCheck {

    private AuthCheck() {
    }

    /** The auth settings to run with; their problems join {@code problems}. */
    static ProviderConfig.Auth bind(Path file, ProviderConfig c, Map<String, String> env, List<String> problems) {
        ProviderConfig.Auth auth = c.auth();
        if (auth == null) {
            return null;
        }
        List<String> refused = auth.refusedCodes() == null ? List.of() : auth.refusedCodes();
        ProviderLoader.check(problems, file, auth.refusedCodes() != null && refused.stream().allMatch(code -> code != null && !code.isBlank()),
                "auth.refusedCodes", "a list of provider error codes", auth.refusedCodes());
        List<String> pointers = c.errors() == null ? null : c.errors().codePointers();
        ProviderLoader.check(problems, file, refused.isEmpty() || pointers != null && !pointers.isEmpty(), "errors.codePointers",
                "where the provider's error code is when auth.refusedCodes is set", pointers);
        OAuthSettings oauth = auth.oauth();
        if (oauth == null) {
            return new ProviderConfig.Auth(auth.scheme(), auth.tokenEnv(), null, List.copyOf(refused));
        }
        ProviderLoader.check(problems, file, auth.tokenEnv() == null, "auth.tokenEnv",
                "null when auth.oauth is set (the token comes from the token endpoint)", auth.tokenEnv());
        oauth.problems().forEach(problem -> problems.add(file + ": " + problem));
        String fromEnv = oauth.tokenUrlEnv() == null ? null : env.get(oauth.tokenUrlEnv());
        boolean overridden = fromEnv != null && !fromEnv.isBlank();
        String url = overridden ? fromEnv.trim() : oauth.tokenUrl();
        String field = overridden ? "auth.oauth.tokenUrl (" + oauth.tokenUrlEnv() + ")" : "auth.oauth.tokenUrl";
        boolean http = url != null && ProviderLoader.isHttpUrl(url);
        ProviderLoader.check(problems, file, http, field, "an absolute http or https URL", url);
        // The client secret and the refresh token travel to this URL: the same rule as the base URL's.
        ProviderLoader.check(problems, file, !http || ProviderLoader.isEncryptedOrLocal(url) || c.allowInsecureHttp(), field,
                "https, or http to a loopback host (127.0.0.0/8, ::1, localhost) unless allowInsecureHttp is true", url);
        return new ProviderConfig.Auth(auth.scheme(), null, oauth.withTokenUrl(url), List.copyOf(refused));
    }
}
