package dev.integrator.sdk;

import dev.integrator.http.TrustStore;
import dev.integrator.provider.ProviderConfig;
import java.time.Duration;

/**
 * What an SDK client is made from: the provider's settings that the chain's HTTP client uses too. {@code baseUrl} is
 * the API root after its variable ({@code SLACK_BASE_URL}), {@code connectTimeout} and {@code responseTimeout} bound
 * one attempt, {@code maxResponseBytes} one answer; {@code trust} is the private trust store
 * ({@code INTEGRATOR_TRUSTSTORE}) the SDK's TLS must use as the chain's client does, or null for the JDK's CAs.
 */
public record SdkSettings(String provider, String baseUrl, Duration connectTimeout, Duration responseTimeout,
        long maxResponseBytes, TrustStore.Trust trust) {

    public static SdkSettings of(ProviderConfig config, TrustStore.Trust trust) {
        return new SdkSettings(config.provider(), config.baseUrl(), Duration.ofMillis(config.timeouts().connectMs()),
                Duration.ofMillis(config.timeouts().responseMs()), config.maxResponseBytes(), trust);
    }
}
