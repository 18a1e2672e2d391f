package dev.integrator.chain.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import java.io.IOException;
import java.util.List;

/** Whether an answer says the provider refused the token as expired or revoked, rather than refusing the request. */
final class TokenRefusal {

    private static final int UNAUTHORIZED = 401;

    private TokenRefusal() {
    }

    /** A 401, or an answer whose provider error code is one of {@code auth.refusedCodes} (Slack's token_expired). */
    static boolean refuses(ProviderRuntime provider, UpstreamResponse response) {
        if (response.status() == UNAUTHORIZED) {
            return true;
        }
        List<String> codes = provider.config().auth() == null ? List.of() : provider.config().auth().refusedCodes();
        if (codes.isEmpty() || response.body() == null || response.body().length == 0) {
            return false;
        }
        try {
            JsonNode body = Json.MAPPER.readTree(response.body());
            return body != null && provider.dialect().providerCode(body).filter(codes::contains).isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
