package dev.integrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Production code never switches TLS verification off: no trust-all trust manager, no host name verifier that says yes. */
class NoTrustAllTest {

    private static final Map<String, Pattern> TRUST_ALL = Map.of(
            "checkServerTrusted with an empty body",
            Pattern.compile("checkServerTrusted\\s*\\([^)]*\\)\\s*(throws\\s+[\\w.,\\s]+)?\\{\\s*}"),
            "a HostnameVerifier that returns true",
            Pattern.compile("(HostnameVerifier[^;]*->\\s*true|verify\\s*\\(\\s*String\\s+\\w+\\s*,\\s*(javax\\.net\\.ssl\\.)?SSLSession\\s+\\w+\\s*\\)\\s*\\{\\s*return\\s+true\\s*;)"),
            "host name verification disabled", Pattern.compile("disableHostnameVerification"),
            "an insecure trust helper", Pattern.compile("\\b(InsecureTrustManagerFactory|TrustAllStrategy|TrustSelfSignedStrategy|NoopHostnameVerifier)\\b"));

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    static List<String> findings(String source) {
        String code = COMMENTS.matcher(source).replaceAll(" ");
        List<String> found = new ArrayList<>();
        TRUST_ALL.forEach((what, pattern) -> {
            if (pattern.matcher(code).find()) {
                found.add(what);
            }
        });
        return found;
    }

    @Test
    void no_production_source_turns_tls_verification_off() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                findings(Files.readString(file)).forEach(what -> found.add(file + ": " + what));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void the_scan_finds_each_trust_all_pattern() {
        assertThat(findings("""
                class T implements X509TrustManager {
                    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { }
                }""")).containsExactly("checkServerTrusted with an empty body");
        assertThat(findings("HttpsURLConnection.setDefaultHostnameVerifier((HostnameVerifier) (host, session) -> true);"))
                .containsExactly("a HostnameVerifier that returns true");
        assertThat(findings("public boolean verify(String host, SSLSession session) { return true; }"))
                .containsExactly("a HostnameVerifier that returns true");
        assertThat(findings("System.setProperty(\"jdk.internal.httpclient.disableHostnameVerification\", \"true\");"))
                .containsExactly("host name verification disabled");
        assertThat(findings("ctx.trustManager(InsecureTrustManagerFactory.INSTANCE);")).containsExactly("an insecure trust helper");
    }

    @Test
    void the_scan_leaves_a_delegating_trust_manager_and_comments_alone() {
        assertThat(findings("""
                // a trust manager whose checkServerTrusted(...) { } would be wrong
                class Both extends X509ExtendedTrustManager {
                    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                        try {
                            jdk.checkServerTrusted(chain, authType, engine);
                        } catch (CertificateException e) {
                            extra.checkServerTrusted(chain, authType, engine);
                        }
                    }
                }""")).isEmpty();
    }
}
