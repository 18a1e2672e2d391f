package dev.integrator.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP link on its own: one attempt, bounded in time (body included) and in size, on the caller's thread. */
class UpstreamClientTest {

    private WireMockServer server;
    private UpstreamClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        client = new UpstreamClient(server.baseUrl(), Duration.ofSeconds(3), 1000);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private UpstreamResponse call(String path, Duration timeout) {
        return client.exchange(new UpstreamRequest("GET", URI.create(server.baseUrl() + path), Map.of(), null), null, timeout);
    }

    @Test
    void a_body_still_arriving_at_the_timeout_fails_with_TIMEOUT() {
        server.stubFor(get(urlEqualTo("/slow-body")).willReturn(aResponse().withStatus(200)
                .withBody("[" + "1,".repeat(200) + "1]").withChunkedDribbleDelay(20, 3000)));

        assertThatThrownBy(() -> call("/slow-body", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("no complete response within");
    }

    @Test
    void headers_that_do_not_come_in_time_fail_with_TIMEOUT() {
        server.stubFor(get(urlEqualTo("/slow-headers")).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3000)));

        assertThatThrownBy(() -> call("/slow-headers", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    }

    @Test
    void a_body_over_the_size_limit_fails_with_UPSTREAM_ERROR() {
        server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));

        assertThatThrownBy(() -> call("/big", Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                .hasMessageContaining("exceeds the limit of 1000 bytes");
    }

    @Test
    void a_chunked_body_without_a_length_is_cut_at_the_size_limit_too() {
        server.stubFor(get(urlEqualTo("/big-chunked")).willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))
                .withChunkedDribbleDelay(5, 100)));

        assertThatThrownBy(() -> call("/big-chunked", Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.outage()).isFalse();
                })
                .hasMessageContaining("exceeds the limit of 1000 bytes");
    }

    @Test
    void a_malformed_location_is_an_upstream_error_that_is_not_retried() {
        server.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(301).withHeader("Location", "http://mirror example.com/")));

        assertThatThrownBy(() -> call("/moved", Duration.ofSeconds(3))).isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.retryable()).isFalse();
            assertThat(e.outage()).isFalse();
            assertThat(e.status()).isEqualTo(301);
        }).hasMessageContaining("malformed Location");
    }

    @Test
    void a_restricted_header_name_is_an_upstream_error_and_nothing_is_sent() {
        UpstreamRequest request = new UpstreamRequest("GET", URI.create(server.baseUrl() + "/ok"), Map.of("Connection", "close"), null);

        assertThatThrownBy(() -> client.exchange(request, null, Duration.ofSeconds(3))).isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
            assertThat(e.retryable()).isFalse();
            assertThat(e.outage()).isFalse();
            assertThat(e.requestSent()).isFalse();
        }).hasMessageContaining("Connection");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void a_5xx_a_timeout_and_a_refused_connection_are_outages_a_body_over_the_limit_is_not() {
        server.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3000)));
        server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))));

        assertThat(call("/down", Duration.ofSeconds(3)).status()).as("a 5xx is an answer; the chain classifies it").isEqualTo(503);
        assertThatThrownBy(() -> call("/slow", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.outage()).isTrue());
        assertThatThrownBy(() -> call("/big", Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.outage()).isFalse());
        int port = server.port();
        server.stop();
        UpstreamClient refused = new UpstreamClient("http://127.0.0.1:" + port, Duration.ofSeconds(3), 1000);
        UpstreamRequest request = new UpstreamRequest("GET", URI.create("http://127.0.0.1:" + port + "/x"), Map.of(), null);
        assertThatThrownBy(() -> refused.exchange(request, null, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.outage()).isTrue());
    }

    @Test
    void calls_do_not_start_a_thread_each() {
        server.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("{}")));
        for (int i = 0; i < 5; i++) {
            call("/ok", Duration.ofSeconds(3));
        }
        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        for (int i = 0; i < 100; i++) {
            assertThat(call("/ok", Duration.ofSeconds(3)).status()).isEqualTo(200);
        }

        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before).isLessThan(20);
    }
}
