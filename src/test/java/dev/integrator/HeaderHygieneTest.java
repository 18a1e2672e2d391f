package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.integrator.github.Repository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only the provider's declared headers and its own token go out: nothing from the Camel message leaks, and
 * the token never follows a redirect to another origin.
 */
class HeaderHygieneTest extends GitHubStub {

    /** Headers the JDK HTTP client adds for the transport itself. */
    private static final Set<String> TRANSPORT = Set.of("host", "connection", "content-length", "upgrade", "http2-settings",
            "transfer-encoding");

    /** routes/github/provider.yaml: its headers, and the correlation header carrying each call's id. */
    private static final Set<String> DECLARED = Set.of("user-agent", "accept", "x-github-api-version", "x-correlation-id");

    /** Another origin on loopback: a different port is a different origin. */
    private WireMockServer elsewhere;

    @BeforeEach
    void startElsewhere() {
        elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        elsewhere.start();
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson(repoJson())));
    }

    @AfterEach
    void stopElsewhere() {
        elsewhere.stop();
    }

    @Test
    void headers_of_the_camel_message_never_reach_github() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("JMSCorrelationID", "jms-123");
        headers.put("CamelHttpUri", elsewhere.baseUrl() + "/steal");
        headers.put("CamelHttpPath", "/steal");
        headers.put("CamelHttpMethod", "DELETE");
        headers.put("CamelHttpQuery", "x=1");
        headers.put("breadcrumbId", "crumb-1");
        headers.put("X-Evil", "yes");
        headers.put("Authorization", "Bearer evil");
        headers.put("Cookie", "session=evil");
        headers.put("Host", "evil.example");
        headers.put("User-Agent", "evil-agent");
        ProducerTemplate producer = integrator.camel().createProducerTemplate();

        Object body = producer.requestBodyAndHeaders("direct:github.repos.get", repo("apache", "camel"), headers);

        assertThat(body).isInstanceOf(Repository.class);
        assertThat(requests()).hasSize(1);
        LoggedRequest sent = requests().get(0);
        assertThat(sent.getMethod().getName()).isEqualTo("GET");
        assertThat(sent.getUrl()).isEqualTo("/repos/apache/camel");
        assertThat(headerNames(sent)).as(describe(sent)).isEqualTo(with(DECLARED, "authorization"));
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(sent.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(sent.getHeader("User-Agent")).isEqualTo("integrator/0.1");
        assertThat(sent.getHeader("Host")).isEqualTo(java.net.URI.create(github.baseUrl()).getAuthority());
        assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).as("the other host").isEmpty();
    }

    @Test
    void a_post_sends_the_declared_headers_and_its_json_content_type_only() {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/repos/apache/camel/labels")
                .willReturn(okJson(labelJson("bug")).withStatus(201)));
        ProducerTemplate producer = integrator.camel().createProducerTemplate();

        producer.requestBodyAndHeaders("direct:github.labels.create",
                Map.of("owner", "apache", "repo", "camel", "name", "bug"),
                Map.of("X-Evil", "yes", "Content-Type", "text/evil", "CamelHttpUri", elsewhere.baseUrl()));

        LoggedRequest sent = requests().get(0);
        assertThat(headerNames(sent)).as(describe(sent)).isEqualTo(with(DECLARED, "authorization", "content-type"));
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void no_authorization_header_goes_out_when_no_token_is_configured() {
        Map<String, String> env = env();
        env.remove("GITHUB_TOKEN");
        restart(settings(), env);
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));

        Envelope result = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        LoggedRequest sent = requests().get(0);
        assertThat(headerNames(sent)).as(describe(sent)).isEqualTo(DECLARED);
    }

    @Test
    void a_redirect_within_github_is_followed_with_the_token_on_both_hops() {
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/repositories/206378")));
        github.stubFor(get("/repositories/206378").willReturn(okJson(repoJson())));

        Envelope result = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        List<LoggedRequest> hops = requestsInOrder();
        assertThat(hops).extracting(LoggedRequest::getUrl).containsExactly("/repos/apache/camel", "/repositories/206378");
        assertThat(hops).allSatisfy(hop -> assertThat(hop.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(result.meta().attempts()).as("a followed redirect is one attempt").isEqualTo(1);
    }

    @Test
    void a_redirect_to_another_origin_is_followed_without_the_token() {
        github.stubFor(get("/repos/apache/camel").willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere.baseUrl() + "/repositories/206378")));

        Envelope result = integrator.call("github.repos.get", repo("apache", "camel"));

        assertThat(result.ok()).as("envelope %s", result).isTrue();
        assertThat(requests()).hasSize(1);
        assertThat(requests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        List<LoggedRequest> away = elsewhere.findAll(anyRequestedFor(anyUrl()));
        assertThat(away).hasSize(1);
        assertThat(away.get(0).getUrl()).isEqualTo("/repositories/206378");
        assertThat(away.get(0).containsHeader("Authorization")).as(describe(away.get(0))).isFalse();
        assertThat(headerNames(away.get(0))).as(describe(away.get(0))).isEqualTo(DECLARED);
    }

    private static Set<String> headerNames(LoggedRequest request) {
        return request.getAllHeaderKeys().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .filter(name -> !TRANSPORT.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> with(Set<String> names, String... more) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(List.of(more));
        return all;
    }

    private static String describe(LoggedRequest request) {
        return "headers that arrived at " + request.getAbsoluteUrl() + ":\n" + request.getHeaders();
    }
}
