package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Acme, the test provider that is not GitHub: its definitions under {@code src/test/resources/homes/acme} and its
 * records in {@code dev.integrator.acme}, nothing else. Its home is that folder with the project's
 * {@code routes/defaults.yaml}, as a provider added to the project would find it.
 */
public final class AcmeUnderTest implements ProviderUnderTest {

    public static final Path DEFINITIONS = Path.of("src/test/resources/homes/acme");

    private static final String CUSTOMER = """
            {"id": "cus_A1", "object": "customer", "email": "ada@example.test", "name": "Ada Lovelace",
             "created": 1795693200, "delinquent": false}
            """;

    /** A home holding Acme's definitions and the project's defaults, copied under {@code dir}. */
    public static Path copyHome(Path dir) throws IOException {
        Path home = dir.resolve("acme-home");
        try (Stream<Path> files = Files.walk(DEFINITIONS)) {
            for (Path f : files.toList()) {
                Path target = home.resolve(DEFINITIONS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.copy(Path.of("routes/defaults.yaml"), home.resolve("routes/defaults.yaml"));
        return home;
    }

    @Override
    public String name() {
        return "acme";
    }

    @Override
    public Path home(Path dir) throws IOException {
        return copyHome(dir);
    }

    @Override
    public String baseUrlEnv() {
        return "ACME_BASE_URL";
    }

    @Override
    public Call read() {
        return new Call("acme.customers.get", Map.of("customer", "cus_A1"), "GET", "/v1/customers/cus_A1", 200, CUSTOMER);
    }

    @Override
    public Map<String, Object> invalidReadParams() {
        return Map.of("customer", "../admin");
    }

    @Override
    public Call write() {
        return new Call("acme.payment_intents.create",
                Map.of("amount", 2000, "currency", "eur", "customer", "cus_A1", "metadata", Map.of("order", "1234")),
                "POST", "/v1/payment_intents", 200, """
                {"id": "pi_3Nq", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
                 "customer": "cus_A1", "created": 1795693200}
                """);
    }

    @Override
    public String writeBodyFragment() {
        return "metadata[order]=1234";
    }

    @Override
    public String idempotencyHeader() {
        return "Acme-Idempotency-Key";
    }

    @Override
    public Call otherResource() {
        return write();
    }

    @Override
    public Page page() {
        return new Page(new Call("acme.customers.list", Map.of("limit", 2), "GET", "/v1/customers", 200, """
                {"object": "list", "has_more": true, "data": [%s, %s]}
                """.formatted(CUSTOMER, CUSTOMER.replace("cus_A1", "cus_B2"))), Map.of(), "startingAfter", "cus_B2");
    }

    @Override
    public ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"ok\": false, \"error\": \"customer_not_found\", \"message\": \"No such customer: cus_A1\"}");
    }

    @Override
    public ResponseDefinitionBuilder quotaUsedUp(Duration reset) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CUSTOMER)
                .withHeader("Acme-Quota-Left", "0")
                .withHeader("Acme-Quota-Reset", String.valueOf(reset.toSeconds()))
                .withHeader("Acme-Quota-Pool", "reads");
    }
}
