package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.integrator.github.GitHub;
import dev.integrator.chain.CallContext;
import dev.integrator.github.IssuePage;
import dev.integrator.github.Repository;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** The three ways Java reaches an operation: the direct endpoint, the typed client, and call(). */
class DirectEndpointTest extends GitHubStub {

    @Test
    void the_direct_endpoint_returns_the_dto() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        ProducerTemplate camel = integrator.camel().createProducerTemplate();

        Repository repo = camel.requestBody("direct:github.repos.get", Map.of("owner", "apache", "repo", "camel"), Repository.class);

        assertThat(repo.fullName()).isEqualTo("apache/camel");
        assertThat(repo.stars()).isEqualTo(5800);
    }

    @Test
    void the_direct_endpoint_fails_with_the_one_exception_type_carrying_the_envelope() {
        github.stubFor(get("/repos/apache/nope").willReturn(jsonResponse(Map.of("message", "Not Found"), 404)));
        ProducerTemplate camel = integrator.camel().createProducerTemplate();

        Throwable thrown = catchThrowable(() -> camel.requestBody("direct:github.repos.get", Map.of("owner", "apache", "repo", "nope")));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(IntegrationException.class);
        IntegrationException e = (IntegrationException) thrown.getCause();
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        Envelope envelope = e.envelope();
        assertThat(envelope.ok()).isFalse();
        assertThat(envelope.error().status()).isEqualTo(404);
        assertThat(envelope.meta().operation()).isEqualTo("github.repos.get");
        assertThat(envelope.meta().contract()).isEqualTo("github.repos.v1");
        assertThat(envelope.meta().attempts()).isEqualTo(1);
    }

    @Test
    void a_direct_caller_finds_the_envelope_the_chain_made_on_the_exchange() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        ProducerTemplate camel = integrator.camel().createProducerTemplate();

        Exchange done = camel.send("direct:github.repos.get", exchange -> {
            exchange.getMessage().setBody(Map.of("owner", "apache", "repo", "camel"));
            exchange.getMessage().setHeader("integratorCorrelationId", "corr-7");
        });

        Envelope envelope = CallContext.of(done).envelope();
        assertThat(envelope.ok()).isTrue();
        assertThat(envelope.data()).isSameAs(done.getMessage().getBody());
        assertThat(envelope.meta()).extracting(Meta::provider, Meta::operation, Meta::contract, Meta::correlationId, Meta::attempts)
                .containsExactly("github", "github.repos.get", "github.repos.v1", "corr-7", 1);
    }

    @Test
    void the_typed_client_reads_like_the_api_and_pages_with_next_page() {
        github.stubFor(get(urlPathEqualTo("/repos/apache/camel/issues")).withQueryParam("page", absent())
                .willReturn(okJson("[]").withHeader("Link", "<" + github.baseUrl() + "/repositories/1/issues?page=2>; rel=\"next\"")));
        github.stubFor(get(urlPathEqualTo("/repos/apache/camel/issues")).withQueryParam("page", equalTo("2")).willReturn(okJson("[]")));

        GitHub client = GitHub.on(integrator);
        IssuePage first = client.issues().list("apache", "camel");
        IssuePage second = client.issues().list("apache", "camel", GitHub.ListOptions.page(first.nextPage()));

        assertThat(first.nextPage()).isEqualTo(2);
        assertThat(second.nextPage()).isNull();
    }

    @Test
    void call_returns_an_envelope_with_meta_and_never_throws() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        Envelope ok = integrator.call("github.repos.get", repo("apache", "camel"), "corr-42");
        Envelope unknown = integrator.call("github.nothing.here", Map.of());

        assertThat(ok.ok()).isTrue();
        assertThat(ok.meta().correlationId()).isEqualTo("corr-42");
        github.verify(getRequestedFor(urlEqualTo("/repos/apache/camel")).withHeader("X-Correlation-Id", equalTo("corr-42")));
        assertThat(ok.meta().provider()).isEqualTo("github");
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
