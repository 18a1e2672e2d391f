package dev.integrator.bench;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * (a'') The other candidate for our HTTP link: Apache HttpClient 5 classic (blocking I/O on the caller's thread) with
 * a pooled connection manager, as camel-http uses it; no retries, no redirects, one GET, the body as bytes.
 */
final class ApacheClient implements Scenario {

    private final CloseableHttpClient http;
    private final Map<Payload, String> uris = new EnumMap<>(Payload.class);

    ApacheClient(String baseUrl) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(128).setMaxConnTotal(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(3))
                        .setSocketTimeout(Timeout.ofSeconds(10)).build())
                .build();
        http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().disableRedirectHandling()
                .disableContentCompression().disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(10, TimeUnit.SECONDS).build())
                .build();
        for (Payload p : Payload.values()) {
            uris.put(p, baseUrl + p.path());
        }
    }

    @Override
    public String name() {
        return "(a'') Apache HttpClient 5 classic, pooled";
    }

    @Override
    public Object call(Payload payload) throws IOException {
        return get(uris.get(payload));
    }

    /** One GET, the body of a 200 as bytes; a 5xx is a {@link HandWritten.ServerError}, as (b) counts it. */
    byte[] get(String uri) throws IOException {
        HttpGet get = new HttpGet(uri);
        get.setHeader("Accept", "application/vnd.github+json");
        get.setHeader("User-Agent", "integrator-bench");
        get.setHeader("X-GitHub-Api-Version", "2022-11-28");
        return http.execute(get, response -> {
            if (response.getCode() >= 500) {
                throw new HandWritten.ServerError(response.getCode());
            }
            if (response.getCode() != 200) {
                throw new IllegalStateException("status " + response.getCode());
            }
            return EntityUtils.toByteArray(response.getEntity());
        });
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
