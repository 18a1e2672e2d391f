package dev.integrator.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.chain.step.RequestStep;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.StripeSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Stripe definitions against the Stripe stand-in on loopback: Stripe's semantics (idempotency keys,
 * declines, lock timeouts, pages) meet the real chain, and the stand-in's counters show what was created.
 */
class StripeSandboxChainTest {

    /** Quick retries and a short attempt, so that a slow answer is a timeout without a long wait. */
    private static final String SETTINGS = """
            {"retry": {"initialDelayMs": 10, "maxDelayMs": 40, "jitter": 0},
             "timeouts": {"responseMs": 1500, "minAttemptMs": 100},
             "rateLimit": {"defaultWaitMs": 50}}
            """;

    @TempDir
    Path dir;
    private StripeSandbox stripe;
    private Integrator integrator;

    @BeforeEach
    void start() throws Exception {
        stripe = StripeSandbox.start();
        restart(SETTINGS);
    }

    private void restart(String settings) throws Exception {
        if (integrator != null) {
            integrator.close();
        }
        integrator = Integrator.builder().home(Path.of("."))
                .env(Map.of("STRIPE_BASE_URL", stripe.baseUrl(), "STRIPE_API_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
                        "INTEGRATOR_DRIFT_DIR", dir.resolve("drift").toString()))
                .override("stripe", Json.MAPPER.readTree(settings)).start();
    }

    @AfterEach
    void stop() {
        integrator.close();
        stripe.close();
    }

    @Test
    void customers_created_read_back_by_id_page_by_page_and_by_search() {
        Stripe client = Stripe.on(integrator);
        Customer ada = client.customers().create("ada@example.test", "Ada Lovelace", null, Map.of("crm", "17"));
        client.customers().create("grace@example.test", "Grace Hopper", null, null);
        client.customers().create("edsger@example.test", null, "no name", null);

        CustomerPage first = client.customers().list(2, null);
        CustomerPage second = client.customers().list(2, first.startingAfter());
        CustomerSearchPage found = client.customers().search("email:'ada@example.test'", 1, null);

        assertThat(client.customers().get(ada.id())).isEqualTo(ada);
        assertThat(ada.id()).startsWith("cus_");
        assertThat(ada.livemode()).isFalse();
        assertThat(first.items()).extracting(Customer::email).containsExactly("edsger@example.test", "grace@example.test");
        assertThat(second.items()).extracting(Customer::email).containsExactly("ada@example.test");
        assertThat(second.startingAfter()).as("the last page").isNull();
        assertThat(found.items()).containsExactly(ada);
        assertThat(found.page()).isNull();
    }

    @Test
    void a_create_that_timed_out_after_stripe_processed_it_retried_with_its_key_yields_one_payment_intent() {
        stripe.slowAfterCreate(Duration.ofMillis(2500), 1);

        Exchange done = createWithKey("order-77", Map.of("amount", 2000, "currency", "eur"));

        assertThat(done.getException()).as("the retry gets Stripe's stored answer").isNull();
        PaymentIntent created = done.getMessage().getBody(PaymentIntent.class);
        assertThat(created.amount()).isEqualTo(2000L);
        assertThat(stripe.paymentIntentsCreated()).as("created once").isEqualTo(1);
        assertThat(stripe.requestsWithKey("order-77")).as("sent twice, with one key").isEqualTo(2);
    }

    @Test
    void a_plain_create_that_timed_out_is_retried_under_its_derived_key_and_creates_one_payment_intent() {
        stripe.slowAfterCreate(Duration.ofMillis(2500), 1);

        Envelope env = integrator.call("stripe.payment_intents.create", Map.of("amount", 2000, "currency", "eur"));

        assertThat(env.ok()).as("%s", env).isTrue();
        assertThat(env.meta().attempts()).isEqualTo(2);
        String key = "stripe.payment_intents.create:" + env.meta().correlationId();
        assertThat(stripe.keys()).as("one key, derived from the call, on both attempts").containsExactly(Map.entry(key, 2));
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_callers_own_key_is_the_one_sent_and_a_second_call_with_it_gets_the_same_payment_intent() {
        Envelope first = integrator.call("stripe.payment_intents.create",
                Map.of("amount", 2000, "currency", "eur", "idempotencyKey", "cart-5521"));
        Envelope again = integrator.call("stripe.payment_intents.create",
                Map.of("amount", 2000, "currency", "eur", "idempotencyKey", "cart-5521"));

        assertThat(again.data()).isEqualTo(first.data());
        assertThat(stripe.keys()).containsExactly(Map.entry("cart-5521", 2));
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_second_call_with_a_key_still_in_use_is_retried_and_gets_the_first_calls_payment_intent() throws Exception {
        // Backoff long enough for the held first call to finish between the second call's attempts.
        restart(SETTINGS.replace("\"initialDelayMs\": 10, \"maxDelayMs\": 40", "\"initialDelayMs\": 300, \"maxDelayMs\": 300"));
        stripe.holdNextWrite();
        Map<String, Object> order = Map.of("amount", 2000, "currency", "eur", "idempotencyKey", "cart-6001");

        CompletableFuture<Envelope> first = CompletableFuture.supplyAsync(() -> integrator.call("stripe.payment_intents.create", order));
        await().until(() -> stripe.requestsWithKey("cart-6001") == 1);
        CompletableFuture<Envelope> second = CompletableFuture.supplyAsync(() -> integrator.call("stripe.payment_intents.create", order));
        await().until(() -> stripe.requestsWithKey("cart-6001") == 2);
        stripe.releaseHeld();

        assertThat(second.get().ok()).as("409 idempotency_key_in_use is retried: %s", second.get()).isTrue();
        assertThat(second.get().meta().attempts()).isEqualTo(2);
        assertThat(second.get().data()).isEqualTo(first.get().data());
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_declined_card_is_unprocessable_with_its_decline_code_and_is_not_retried() {
        Envelope env = integrator.call("stripe.payment_intents.create", Map.of("amount", 2000, "currency", "eur",
                "payment_method", "pm_card_visa_chargeDeclinedInsufficientFunds", "confirm", true));

        assertThat(env.error().code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(env.error().retryable()).isFalse();
        assertThat(env.error().status()).isEqualTo(402);
        assertThat(env.error().details()).as("Stripe's decline_code under our name")
                .anySatisfy(d -> assertThat(d).containsEntry("declineCode", "insufficient_funds"));
        assertThat(env.error().message()).contains("insufficient funds");
        assertThat(stripe.requests()).isEqualTo(1);
    }

    @Test
    void a_lock_timeout_is_waited_out_and_the_keyed_write_goes_through_once() {
        stripe.lockTimeouts(1);

        Exchange done = createWithKey("order-78", Map.of("amount", 1500, "currency", "usd"));

        assertThat(done.getException()).isNull();
        assertThat(stripe.requestsWithKey("order-78")).isEqualTo(2);
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void the_same_key_with_other_parameters_is_a_conflict_and_is_not_retried() {
        assertThat(createWithKey("order-79", Map.of("amount", 2000, "currency", "eur")).getException()).isNull();

        Exchange other = createWithKey("order-79", Map.of("amount", 3000, "currency", "eur"));

        assertThat(other.getException()).isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(stripe.requestsWithKey("order-79")).isEqualTo(2);
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_500_after_the_object_was_created_is_replayed_to_each_retry_of_its_key_and_nothing_more_is_created() {
        stripe.failAfterCreate(1);

        Exchange done = createWithKey("order-80", Map.of("amount", 2000, "currency", "eur"));

        assertThat(done.getException()).isInstanceOfSatisfying(IntegrationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
        assertThat(stripe.requestsWithKey("order-80")).as("every attempt").isEqualTo(3);
        assertThat(stripe.paymentIntentsCreated()).isEqualTo(1);
    }

    @Test
    void a_payment_intent_is_confirmed_refunded_and_a_missing_one_is_not_found() {
        Stripe client = Stripe.on(integrator);
        PaymentIntent open = client.paymentIntents().create(2000, "eur", Stripe.PaymentOptions.none());
        PaymentIntent paid = client.paymentIntents().confirm(open.id(), "pm_card_visa");
        Refund refund = client.refunds().create(paid.id(), 500L, "requested_by_customer");

        assertThat(open.status()).isEqualTo(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD);
        assertThat(paid.status()).isEqualTo(PaymentIntentStatus.SUCCEEDED);
        assertThat(paid.lastPaymentError()).isNull();
        assertThat(refund.amount()).isEqualTo(500L);
        assertThat(refund.paymentIntent()).isEqualTo(paid.id());
        assertThatThrownBy(() -> client.paymentIntents().get("pi_missing")).isInstanceOfSatisfying(IntegrationException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.details()).as("Stripe's param is the detail's field").containsExactly(
                            Map.of("type", "invalid_request_error", "code", "resource_missing", "field", "intent"));
                });
    }

    private Exchange createWithKey(String key, Map<String, Object> params) {
        return integrator.camel().createProducerTemplate().request("direct:stripe.payment_intents.create", e -> {
            e.getMessage().setBody(params);
            e.getMessage().setHeader(RequestStep.IDEMPOTENCY_KEY_HEADER, key);
        });
    }
}
