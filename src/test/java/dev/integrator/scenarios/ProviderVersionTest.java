package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.ConfigurationException;
import dev.integrator.Envelope;
import dev.integrator.contract.ContractLoader;
import dev.integrator.ops.OpsNotes;
import dev.integrator.runtime.Integrator;
import dev.integrator.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's API version is pinned per contract version: Acme with a {@code versionHeader} instead of a fixed
 * header, each of its contracts naming the version it was written against.
 */
class ProviderVersionTest {

    private static final String PROVIDER = "routes/acme/provider.yaml";
    private static final String CUSTOMERS = "contracts/acme.customers.v1.yaml";
    private static final String PAYMENT_INTENTS = "contracts/acme.payment_intents.v1.yaml";

    @TempDir
    Path dir;
    private Path home;
    private WireMockServer acme;
    private Integrator integrator;

    @BeforeEach
    void pinTheVersionPerContract() throws IOException {
        home = AcmeUnderTest.copyHome(dir);
        edit(PROVIDER, "headers:\n  Acme-Version: \"2026-01-01\"\n", "versionHeader: Acme-Version\n");
        edit(CUSTOMERS, "status: active\n", "status: active\nproviderVersion: \"2026-01-01\"\n");
        edit(PAYMENT_INTENTS, "status: active\n", "status: active\nproviderVersion: \"2026-03-15\"\n");
        acme = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        acme.start();
    }

    @AfterEach
    void stop() {
        if (integrator != null) {
            integrator.close();
        }
        acme.stop();
    }

    @Test
    void every_request_sends_the_version_of_its_operations_contract() {
        acme.stubFor(get(urlPathEqualTo("/v1/customers/cus_A1")).willReturn(json("""
                {"id": "cus_A1", "object": "customer", "email": "a@b.test", "name": "A", "created": 1795693200,
                 "delinquent": false}
                """)));
        acme.stubFor(post(urlPathEqualTo("/v1/payment_intents")).willReturn(json("""
                {"id": "pi_1", "object": "payment_intent", "amount": 2000, "currency": "eur", "status": "succeeded",
                 "customer": null, "created": 1795693200}
                """)));
        integrator = start();

        Envelope read = integrator.call("acme.customers.get", Map.of("customer", "cus_A1"));
        Envelope write = integrator.call("acme.payment_intents.create", Map.of("amount", 2000, "currency", "eur"));

        assertThat(List.of(read, write)).allSatisfy(e -> assertThat(e.ok()).as("%s", e).isTrue());
        acme.verify(getRequestedFor(urlPathEqualTo("/v1/customers/cus_A1")).withHeader("Acme-Version", equalTo("2026-01-01")));
        acme.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents")).withHeader("Acme-Version", equalTo("2026-03-15")));
    }

    @Test
    void the_ops_notes_list_the_version_in_use_per_contract() {
        integrator = start();

        String notes = OpsNotes.render(integrator.provider("acme").config(), List.copyOf(integrator.operations().all()),
                ContractLoader.loadAll(home.resolve("contracts"), new ArrayList<>()));

        assertThat(notes).contains("API version sent in `Acme-Version` with every request, by contract",
                "`acme.customers.v1` `2026-01-01`, `acme.payment_intents.v1` `2026-03-15`");
    }

    @Test
    void a_contract_without_its_version_stops_the_start_and_is_a_verify_problem() throws IOException {
        edit(PAYMENT_INTENTS, "providerVersion: \"2026-03-15\"\n", "");
        String problem = "contract acme.payment_intents.v1 must name its providerVersion: acme pins its API version per"
                + " contract in Acme-Version (versionHeader)";

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class).hasMessageContaining(problem);
        assertThat(Verifier.verify(home)).anySatisfy(p -> assertThat(p).contains(problem));
    }

    @Test
    void the_version_header_may_not_also_be_a_fixed_header() throws IOException {
        edit(PROVIDER, "versionHeader: Acme-Version\n", "versionHeader: Acme-Version\nheaders:\n  acme-version: \"2025-01-01\"\n");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("versionHeader must be a header name (letters, digits, '-') other than Authorization, headers");
    }

    @Test
    void a_version_that_cannot_be_a_header_value_is_refused() throws IOException {
        edit(CUSTOMERS, "providerVersion: \"2026-01-01\"\n", "providerVersion: {date: 2026-01-01}\n");

        assertThatThrownBy(this::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("providerVersion must be text of visible ASCII characters (a header value)");
    }

    private Integrator start() {
        return Integrator.builder().home(home)
                .env(Map.of("ACME_BASE_URL", acme.baseUrl(), "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString())).start();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Replaces {@code from}, which must be in {@code file} of the home. */
    private void edit(String file, String from, String to) throws IOException {
        Path f = home.resolve(file);
        String text = Files.readString(f);
        assertThat(text).as(file).contains(from);
        Files.writeString(f, text.replace(from, to));
    }
}
