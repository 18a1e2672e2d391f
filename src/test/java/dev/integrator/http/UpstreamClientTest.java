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
        client = new UpstreamClient(server.baseUrl(), null, Duration.ofSeconds(3), 1000);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private UpstreamResponse call(String path, Duration timeout) {
        return client.exchange(new UpstreamRequest("GET", URI.create(server.baseUrl() + path), Map.of(), null), timeout);
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
