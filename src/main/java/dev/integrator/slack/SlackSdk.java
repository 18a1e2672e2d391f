package dev.integrator.slack;

import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import dev.integrator.sdk.SdkBinding;
import dev.integrator.sdk.SdkBindingProvider;
import dev.integrator.sdk.SdkSettings;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Slack's Java SDK ({@code com.slack.api:slack-api-client}) as the bindings of the slack operations. The SDK's
 * client is made here rather than by the SDK, so that nothing in it retries or paces: its synchronous methods client
 * has no rate limiter (only the async one has), its statistics are off, and OkHttp's silent retry of a failed
 * connection is off; redirects are not followed, as the SDK does too. Timeouts are the provider's, and the methods
 * endpoint is the provider's base URL ({@code SLACK_BASE_URL} points it at a stand-in); TLS trusts what the chain's
 * client trusts (the JDK's CAs and a private trust store).
 */
public final class SlackSdk implements SdkBindingProvider {

    @Override
    public String provider() {
        return "slack";
    }

    @Override
    public Map<String, SdkBinding> bindings(SdkSettings settings) {
        AttemptCapture capture = new AttemptCapture(settings.maxResponseBytes());
        return SlackBindings.of(new FirstCall(() -> methods(settings, capture)), new SlackCall(capture));
    }

    private static MethodsClient methods(SdkSettings settings, AttemptCapture capture) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/");
        config.setStatsEnabled(false);
        config.getMethodsConfig().setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis((int) settings.responseTimeout().toMillis());
        config.setHttpClientCallTimeoutMillis((int) settings.responseTimeout().toMillis());
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (settings.trust() != null) {
            builder.sslSocketFactory(settings.trust().context().getSocketFactory(), settings.trust().trustManager());
        }
        OkHttpClient http = builder
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(capture.answer())
                .addNetworkInterceptor(capture.connected())
                .build();
        SlackHttpClient client = new SlackHttpClient(http);
        client.setConfig(config);
        return com.slack.api.Slack.getInstance(config, client).methods();
    }

    /**
     * The SDK's client, made at the first slack call and kept: making it loads the SDK, OkHttp, Kotlin's library and
     * Gson (some 350 classes, about a tenth of the start's CPU), which a process serving no slack call never needs.
     */
    private static final class FirstCall implements Supplier<MethodsClient> {

        private final Supplier<MethodsClient> make;
        private volatile MethodsClient methods;

        FirstCall(Supplier<MethodsClient> make) {
            this.make = make;
        }

        @Override
        public MethodsClient get() {
            MethodsClient made = methods;
            if (made == null) {
                synchronized (this) {
                    made = methods;
                    if (made == null) {
                        methods = made = make.get();
                    }
                }
            }
            return made;
        }
    }
}
