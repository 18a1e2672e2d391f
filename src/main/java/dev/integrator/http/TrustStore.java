package dev.integrator.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities that provider connections trust: the JDK's own, plus those of the key store named by
 * {@code INTEGRATOR_TRUSTSTORE} (PKCS12 or JKS, password in {@code INTEGRATOR_TRUSTSTORE_PASSWORD}) for a provider
 * behind a private CA. Both sets go into one key store under the JDK's standard PKIX trust manager, so chain and host
 * name checks are the JDK's; nothing here decides trust itself.
 */
public final class TrustStore {

    public static final String ENV = "INTEGRATOR_TRUSTSTORE";
    public static final String PASSWORD_ENV = "INTEGRATOR_TRUSTSTORE_PASSWORD";

    /**
     * The private trust: the TLS context the provider HTTP client takes, and its trust manager, which clients that
     * build their own socket factory (an SDK's OkHttp) take with it.
     */
    public record Trust(SSLContext context, X509TrustManager trustManager) {
    }

    private TrustStore() {
    }

    /**
     * The trust for provider connections, or null for the JDK default when no private trust store is set. A
     * store that cannot be read adds a problem (naming the variable and the file, never the password).
     */
    public static Trust fromEnv(Map<String, String> env, List<String> problems) {
        String file = env.get(ENV);
        if (file == null || file.isBlank()) {
            return null;
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            problems.add(ENV + ": cannot read " + path);
            return null;
        }
        String password = env.getOrDefault(PASSWORD_ENV, "");
        try {
            KeyStore privateCas = KeyStore.getInstance(path.toFile(), password.toCharArray());
            KeyStore combined = KeyStore.getInstance(KeyStore.getDefaultType());
            combined.load(null, null);
            int n = 0;
            for (X509Certificate ca : x509(null).getAcceptedIssuers()) {
                combined.setCertificateEntry("jdk-" + n++, ca);
            }
            int added = 0;
            for (String alias : Collections.list(privateCas.aliases())) {
                if (privateCas.getCertificate(alias) instanceof X509Certificate ca) {
                    combined.setCertificateEntry("private-" + alias, ca);
                    added++;
                }
            }
            if (added == 0) {
                problems.add(ENV + ": " + path + " holds no certificate");
                return null;
            }
            X509TrustManager trust = x509(combined);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            return new Trust(tls, trust);
        } catch (Exception e) {
            problems.add(ENV + ": cannot load " + path + " as a PKCS12 or JKS key store with " + PASSWORD_ENV + ": "
                    + e.getClass().getSimpleName());
            return null;
        }
    }

    /** The JDK's standard PKIX trust manager over {@code cas} (null: the JDK's default CAs). */
    private static X509TrustManager x509(KeyStore cas) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(cas);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK has no X509 trust manager");
    }
}
