package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parameters of one call are bounded in size (maxRequestBytes, 1 MiB by default) on every way in: an oversized
 * request is INVALID_REQUEST, never sent, and the message gives sizes, not the value.
 */
class RequestSizeTest extends GitHubStub {

    /** A label name of 2 MiB: its JSON is over the default limit of 1 MiB. */
    private static final String HUGE = "q".repeat(2 * 1024 * 1024);

    @BeforeEach
    void stubLabels() {
        github.stubFor(post("/repos/apache/camel/labels").willReturn(okJson(labelJson("bug")).withStatus(201)));
    }

    private static Map<String, Object> label(String name) {
        return Map.of("owner", "apache", "repo", "camel", "name", name);
    }

    @Test
    void a_call_over_the_default_limit_is_an_invalid_request_that_is_never_sent() {
        Envelope env = integrator.call("github.labels.create", label(HUGE));

        assertThat(env.ok()).isFalse();
        assertThat(env.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().message()).containsPattern("parameters are 2097[0-9]{3} bytes as JSON, over the limit of 1048576 bytes").doesNotContain("qqqq");
        assertThat(requests()).as("nothing reaches the provider").isEmpty();
    }

    @Test
    void a_map_sent_straight_to_the_direct_endpoint_is_bounded_too() {
        ProducerTemplate camel = integrator.camel().createProducerTemplate();

        Throwable thrown = catchThrowable(() -> camel.requestBody("direct:github.labels.create", label(HUGE)));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(IntegrationException.class);
        IntegrationException e = (IntegrationException) thrown.getCause();
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("1048576").doesNotContain("qqqq");
        assertThat(requests()).isEmpty();
    }

    @Test
    void the_limit_is_a_provider_setting() {
        start("""
                {"maxRequestBytes": 200}
                """);

        Envelope over = integrator.call("github.labels.create", label("b".repeat(300)));
        Envelope under = integrator.call("github.labels.create", label("bug"));

        assertThat(over.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(over.error().message()).contains("over the limit of 200 bytes");
        assertThat(under.ok()).as("envelope %s", under).isTrue();
        assertThat(requests()).as("only the call within the limit went out").hasSize(1);
    }
}
