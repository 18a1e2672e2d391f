package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.integrator.fixture.Fixtures;
import dev.integrator.github.Repository;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is verified: a certificate nobody trusts fails, a private CA added through INTEGRATOR_TRUSTSTORE is trusted in
 * addition to the JDK's, and a certificate for another host name fails even from that CA. Certificates are made at
 * test time with the JDK's keytool, over a real HTTPS server on loopback.
 */
class TlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path certs;
    @TempDir
    Path driftDir;

    private final AtomicInteger served = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private boolean closeEachConnection;
    private String body = GitHubStub.repoJson();
    private HttpsServer server;
    private ExecutorService handlers;
    private Integrator integrator;

    /** Ten keytool runs, each a JVM start: more than the default 30 s on a busy 2-core machine is possible. */
    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Integrator Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12");
        keytool("-genkeypair", "-alias", "self", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "self.p12");
        issued("loopback", "ip:127.0.0.1");
        issued("other", "dns:other.example");
    }

    /** A server key in {@code <name>.p12} with a certificate from the test CA for {@code san}. */
    private static void issued(String name, String san) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", "server", "-keystore", store, "-file", name + ".csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile", name + ".pem",
                "-ext", "san=" + san, "-validity", "2");
        // The issued certificate and the CA as the key's chain, set here rather than by two more keytool runs.
        KeyStore keys = KeyStore.getInstance(certs.resolve(store).toFile(), PASSWORD.toCharArray());
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate leaf;
        Certificate ca;
        try (InputStream in = Files.newInputStream(certs.resolve(name + ".pem"))) {
            leaf = x509.generateCertificate(in);
        }
        try (InputStream in = Files.newInputStream(certs.resolve("ca.pem"))) {
            ca = x509.generateCertificate(in);
        }
        keys.setKeyEntry("server", keys.getKey("server", PASSWORD.toCharArray()), PASSWORD.toCharArray(), new Certificate[] {leaf, ca});
        try (var out = Files.newOutputStream(certs.resolve(store))) {
            keys.store(out, PASSWORD.toCharArray());
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", command, output).isZero();
    }

    private void serve(String keyStore) throws Exception {
        KeyStore keys = KeyStore.getInstance(certs.resolve(keyStore).toFile(), PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (closeEachConnection) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private Integrator start(boolean withPrivateCa) {
        return start(withPrivateCa, "");
    }

    /** @param settings more provider settings, as JSON members after the retry's */
    private Integrator start(boolean withPrivateCa, String settings) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_BASE_URL", "https://127.0.0.1:" + server.getAddress().getPort());
        env.put("GITHUB_TOKEN", "ghp_tls_test_token_0123456789");
        env.put("INTEGRATOR_DRIFT_DIR", driftDir.toString());
        if (withPrivateCa) {
            env.put("INTEGRATOR_TRUSTSTORE", certs.resolve("trust.p12").toString());
            env.put("INTEGRATOR_TRUSTSTORE_PASSWORD", PASSWORD);
        }
        integrator = Integrator.builder().env(env).override("github", GitHubStub.json("""
                {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0}%s}
                """.formatted(settings))).start();
        return integrator;
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        if (server != null) {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private Envelope getRepo() {
        return integrator.call("github.repos.get", Map.of("owner", "apache", "repo", "camel"));
    }

    @Test
    void a_certificate_nobody_trusts_fails_once_as_a_tls_error_without_retries() throws Exception {
        serve("self.p12");
        start(false);

        Envelope env = getRepo();

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(env.error().message()).contains("TLS").contains("certificate").doesNotContain("ghp_");
        assertThat(env.error().retryable()).as("a certificate does not fix itself on retry").isFalse();
        assertThat(env.meta().attempts()).isEqualTo(1);
        assertThat(served).hasValue(0);
    }

    @Test
    void a_certificate_from_the_private_ca_but_for_another_host_name_fails() throws Exception {
        serve("other.p12");
        start(true);

        Envelope env = getRepo();

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(env.error().message()).contains("TLS").contains("127.0.0.1");
        assertThat(env.meta().attempts()).isEqualTo(1);
        assertThat(served).hasValue(0);
    }

    @Test
    void a_certificate_from_the_private_ca_for_this_host_is_trusted() throws Exception {
        serve("loopback.p12");
        start(true);

        Envelope env = getRepo();

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(served).hasValue(1);
    }

    /**
     * The HTTP client runs its own tasks, TLS handshake steps included, on its selector thread: many handshakes at
     * once, each on a new connection (the server closes every one after its answer), must all complete and verify.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void many_concurrent_new_tls_connections_all_complete_their_handshake() throws Exception {
        closeEachConnection = true;
        serve("loopback.p12");
        start(true, ", \"budget\": {\"requestsPerSecond\": 100000, \"burst\": 100000}");
        int callers = 16;
        int callsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<Envelope>>> results = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<Envelope> mine = new ArrayList<>();
                    for (int k = 0; k < callsEach; k++) {
                        mine.add(getRepo());
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<List<Envelope>> result : results) {
                assertThat(result.get(100, TimeUnit.SECONDS)).allSatisfy(env -> assertThat(env.ok()).as("envelope %s", env).isTrue());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(served).hasValue(callers * callsEach);
        assertThat(clientPorts).as("a new connection, so a new handshake, per call").hasSize(callers * callsEach);
    }

    @Test
    void an_sdk_backed_provider_trusts_the_private_ca_too() throws Exception {
        body = Json.MAPPER.writeValueAsString(Fixtures.load(Path.of("fixtures"), "slack.users.v1", "good", "info-member")
                .response().body());
        serve("loopback.p12");
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BASE_URL", "https://127.0.0.1:" + server.getAddress().getPort() + "/api/");
        env.put("SLACK_BOT_TOKEN", "xoxb-tls-test-token-0123456789");
        env.put("INTEGRATOR_DRIFT_DIR", driftDir.toString());
        env.put("INTEGRATOR_TRUSTSTORE", certs.resolve("trust.p12").toString());
        env.put("INTEGRATOR_TRUSTSTORE_PASSWORD", PASSWORD);
        integrator = Integrator.builder().env(env).start();

        Envelope result = integrator.call("slack.users.info", Map.of("user", "U012AB3CD"));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        assertThat(served).hasValue(1);
    }

    @Test
    void the_trust_store_password_is_an_ordinary_word_in_provider_data() throws Exception {
        body = GitHubStub.repoJson().replace("\"Apache Camel\"", "\"Import your CA with -storepass changeit,\\nthen restart\"");
        serve("loopback.p12");
        start(true);

        Envelope env = getRepo();

        assertThat(env.ok()).as("envelope %s", env).isTrue();
        assertThat(((Repository) env.data()).description())
                .as("too short to be a credential: masking it would corrupt data, not protect a secret")
                .isEqualTo("Import your CA with -storepass changeit,\nthen restart");
    }

    @Test
    void a_trust_store_that_cannot_be_read_stops_the_start() throws Exception {
        serve("loopback.p12");
        Files.writeString(certs.resolve("broken.p12"), "not a key store");
        Map<String, String> env = Map.of("INTEGRATOR_TRUSTSTORE", certs.resolve("broken.p12").toString(),
                "INTEGRATOR_TRUSTSTORE_PASSWORD", PASSWORD);

        assertThatThrownBy(() -> Integrator.builder().env(env).start().close())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INTEGRATOR_TRUSTSTORE")
                .hasMessageNotContaining(PASSWORD);
    }
}
