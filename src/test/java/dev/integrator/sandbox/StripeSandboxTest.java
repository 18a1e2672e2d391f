package dev.integrator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.integrator.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Stripe stand-in keeps idempotency keys as Stripe documents it, seen by a plain HTTP client. */
class StripeSandboxTest {

    private final StripeSandbox stripe = StripeSandbox.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void a_concurrent_request_with_a_key_in_use_is_409_and_the_first_answer_is_then_replayed() throws Exception {
        stripe.holdNextWrite();

        CompletableFuture<HttpResponse<String>> first = http.sendAsync(post("k-1", "email=a%40b.c"), HttpResponse.BodyHandlers.ofString());
        await().until(() -> stripe.requestsWithKey("k-1") == 1);
        HttpResponse<String> concurrent = send(post("k-1", "email=a%40b.c"));
        stripe.releaseHeld();
        HttpResponse<String> answered = first.get();
        HttpResponse<String> replay = send(post("k-1", "email=a%40b.c"));

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(Json.MAPPER.readTree(concurrent.body()).at("/error/code").asText()).isEqualTo("idempotency_key_in_use");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(answered.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stripe.objectsCreated()).isEqualTo(1);
        assertThat(stripe.requestsWithKey("k-1")).isEqualTo(3);
    }

    @Test
    void refused_parameters_are_not_stored_so_the_key_can_be_used_again_with_good_ones() throws Exception {
        HttpResponse<String> refused = send(post("k-2", "amount=2000", "/v1/payment_intents"));
        HttpResponse<String> fixed = send(post("k-2", "amount=2000&currency=eur", "/v1/payment_intents"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(refused.body()).at("/error/param").asText()).isEqualTo("currency");
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(List.of(refused, fixed)).allSatisfy(r -> assertThat(r.headers().firstValue("Request-Id")).isPresent());
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_key_that_is_not_a_test_mode_key_is_401() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(stripe.baseUrl() + "/v1/customers"))
                .header("Authorization", "Bearer sk_live_51H7abcdefghijklmnop").GET().build());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(stripe.objectsCreated()).isZero();
    }

    private HttpRequest post(String key, String form) {
        return post(key, form, "/v1/customers");
    }

    private HttpRequest post(String key, String form, String path) {
        return HttpRequest.newBuilder(URI.create(stripe.baseUrl() + path))
                .header("Authorization", "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc").header("Idempotency-Key", key)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
