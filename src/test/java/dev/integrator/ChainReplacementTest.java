package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An embedding application may run the operations through a chain template of its own, given in Java (the benchmarks
 * measure the chain one link at a time this way); route files still only use it.
 */
class ChainReplacementTest extends GitHubStub {

    private static final String BUDGET_STEP = "        - process:\n            ref: integratorBudget\n";
    /** One request, then a refill in 1000 s that nobody waits for: the second call is refused by the budget. */
    private static final String ONE_REQUEST = """
            {"budget": {"requestsPerSecond": 0.001, "burst": 1, "maxWaitMs": 0}}
            """;

    @Test
    void a_chain_given_in_java_replaces_the_shipped_one() throws IOException {
        github.stubFor(get(urlEqualTo("/repos/apache/camel")).willReturn(okJson(repoJson())));
        String shipped = shippedChain();
        assertThat(shipped).contains(BUDGET_STEP);

        assertThat(twoCalls(Integrator.builder())).extracting(Envelope::ok).containsExactly(true, false);
        assertThat(twoCalls(Integrator.builder().chain(shipped.replace(BUDGET_STEP, "")))).extracting(Envelope::ok)
                .containsExactly(true, true);
    }

    @Test
    void a_replacement_that_declares_other_parameters_is_a_definition_problem() throws IOException {
        String renamed = shippedChain().replace("name: breakerGroup", "name: breakerGroupe");

        assertThatThrownBy(() -> Integrator.builder().env(env()).chain(renamed).start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the replacement chain template must declare the parameters")
                .hasMessageContaining("breakerGroupe");
    }

    private List<Envelope> twoCalls(Integrator.Builder builder) {
        try (Integrator own = builder.env(env()).override("github", json(ONE_REQUEST)).start()) {
            return List.of(own.call("github.repos.get", repo("apache", "camel")), own.call("github.repos.get", repo("apache", "camel")));
        }
    }

    private static String shippedChain() throws IOException {
        try (InputStream in = Integrator.class.getClassLoader().getResourceAsStream("dev/integrator/chain/chain.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
