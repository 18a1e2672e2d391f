package dev.integrator.scenarios;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Stripe, from the project's own definitions (routes/stripe, contracts/stripe.*) and records (dev.integrator.stripe).
 * Answers are Stripe's documented objects, reduced to the fields the contracts read plus a few they ignore.
 */
public final class StripeUnderTest implements ProviderUnderTest {

    private static final String CUSTOMER = """
            {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "email": "jennyrosen@example.com", "name": "Jenny Rosen",
             "description": null, "created": 1680893993, "livemode": false, "balance": 0, "metadata": {}}
            """;

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Path home(Path dir) {
        return Path.of(".");
    }

    @Override
    public String baseUrlEnv() {
        return "STRIPE_BASE_URL";
    }

    @Override
    public Call read() {
        return new Call("stripe.customers.get", Map.of("customer", "cus_NffrFeUfNV2Hib"), "GET",
                "/v1/customers/cus_NffrFeUfNV2Hib", 200, CUSTOMER);
    }

    @Override
    public Map<String, Object> invalidReadParams() {
        return Map.of("customer", "../admin");
    }

    @Override
    public Call write() {
        return new Call("stripe.payment_intents.create",
                Map.of("amount", 2000, "currency", "eur", "customer", "cus_NffrFeUfNV2Hib", "metadata", Map.of("order", "1234")),
                "POST", "/v1/payment_intents", 200, """
                {"id": "pi_3MtwBwLkdIwHu7ix28a3tqPa", "object": "payment_intent", "amount": 2000, "currency": "eur",
                 "status": "requires_payment_method", "customer": "cus_NffrFeUfNV2Hib", "payment_method": null,
                 "next_action": null, "last_payment_error": null, "created": 1680800504, "livemode": false,
                 "client_secret": "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH"}
                """);
    }

    @Override
    public String writeBodyFragment() {
        return "metadata[order]=1234";
    }

    @Override
    public String idempotencyHeader() {
        return "Idempotency-Key";
    }

    /** Stripe counts every operation against one quota. */
    @Override
    public Call otherResource() {
        return write();
    }

    @Override
    public Page page() {
        return new Page(new Call("stripe.customers.list", Map.of("limit", 2), "GET", "/v1/customers", 200, """
                {"object": "list", "url": "/v1/customers", "has_more": true, "data": [%s, %s]}
                """.formatted(CUSTOMER, CUSTOMER.replace("cus_NffrFeUfNV2Hib", "cus_NffrFeUfNV2Hia"))), Map.of(),
                "startingAfter", "cus_NffrFeUfNV2Hia");
    }

    @Override
    public ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                {"error": {"code": "resource_missing", "message": "No such customer: 'cus_NffrFeUfNV2Hib'", "param": "id",
                 "type": "invalid_request_error"}}
                """);
    }

    @Override
    public boolean signalsQuotaInHeaders() {
        return false;
    }

    /** Stripe names no quota in its headers: its success answer is the plain one. */
    @Override
    public ResponseDefinitionBuilder quotaUsedUp(Duration reset) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CUSTOMER);
    }
}
