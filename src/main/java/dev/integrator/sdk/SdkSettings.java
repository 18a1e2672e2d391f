package dev.integrator.sdk;

import dev.integrator.provider.ProviderConfig;
import java.time.Duration;

/**
 * What an SDK client is made from: the provider's settings that the chain's HTTP client uses too. {@code baseUrl} is
 * the API root after its variable ({@code SLACK_BASE_URL}), {@code connectTimeout} and {@code responseTimeout} bound
 * one attempt, {@code maxResponseBytes} one answer.
 */
public record SdkSettings(String provider, String baseUrl, Duration connectTimeout, Duration responseTimeout,
        long maxResponseBytes) {

    public static SdkSettings of(ProviderConfig config) {
        return new SdkSettings(config.provider(), config.baseUrl(), Duration.ofMillis(config.timeouts().connectMs()),
                Duration.ofMillis(config.timeouts().responseMs()), config.maxResponseBytes());
    }
}
