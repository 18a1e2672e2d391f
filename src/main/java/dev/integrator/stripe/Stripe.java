package dev.integrator.stripe;

import dev.integrator.Client;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The typed Stripe client, {@code Stripe.on(integrator).paymentIntents().create(2000, "eur", options)}: a convenience
 * over a {@link Client}, which the core does not know. Each method is one call through the chain; failures throw
 * {@link dev.integrator.IntegrationException} (a declined card is UNPROCESSABLE, its decline code in the details).
 */
public final class Stripe {

    private final Client client;

    private Stripe(Client client) {
        this.client = client;
    }

    /** The typed client over {@code client}, usually the running integrator. */
    public static Stripe on(Client client) {
        return new Stripe(Objects.requireNonNull(client, "client"));
    }

    public Customers customers() {
        return new Customers();
    }

    public PaymentIntents paymentIntents() {
        return new PaymentIntents();
    }

    public Refunds refunds() {
        return new Refunds();
    }

    /** Optional parameters of a new payment intent; null leaves Stripe's default. */
    public record PaymentOptions(String customer, String paymentMethod, Boolean confirm, Map<String, String> metadata) {
        public static PaymentOptions none() {
            return new PaymentOptions(null, null, null, null);
        }
    }

    public final class Customers {
        public Customer create(String email, String name, String description, Map<String, String> metadata) {
            return client.request("stripe.customers.create", params("email", email, "name", name,
                    "description", description, "metadata", metadata), Customer.class);
        }

        public Customer get(String id) {
            return client.request("stripe.customers.get", params("customer", id), Customer.class);
        }

        /** At most {@code limit} customers (null: Stripe's 10) after {@code startingAfter} (null: from the first). */
        public CustomerPage list(Integer limit, String startingAfter) {
            return client.request("stripe.customers.list", params("limit", limit, "starting_after", startingAfter),
                    CustomerPage.class);
        }

        /** A page of customers matching Stripe's search {@code query}; {@code page} from the previous page, or null. */
        public CustomerSearchPage search(String query, Integer limit, String page) {
            return client.request("stripe.customers.search", params("query", query, "limit", limit, "page", page),
                    CustomerSearchPage.class);
        }
    }

    public final class PaymentIntents {
        /** {@code amount} in the currency's minor unit, {@code currency} a lower-case ISO code. */
        public PaymentIntent create(long amount, String currency, PaymentOptions options) {
            return client.request("stripe.payment_intents.create", params("amount", amount, "currency", currency,
                    "customer", options.customer(), "payment_method", options.paymentMethod(),
                    "confirm", options.confirm(), "metadata", options.metadata()), PaymentIntent.class);
        }

        public PaymentIntent get(String id) {
            return client.request("stripe.payment_intents.get", params("intent", id), PaymentIntent.class);
        }

        /** Confirms with {@code paymentMethod}, or with the one already attached when null. */
        public PaymentIntent confirm(String id, String paymentMethod) {
            return client.request("stripe.payment_intents.confirm",
                    params("intent", id, "payment_method", paymentMethod), PaymentIntent.class);
        }

        /** {@code reason}: abandoned, duplicate, fraudulent, requested_by_customer, or null. */
        public PaymentIntent cancel(String id, String reason) {
            return client.request("stripe.payment_intents.cancel", params("intent", id, "cancellation_reason", reason),
                    PaymentIntent.class);
        }
    }

    public final class Refunds {
        /** Refunds {@code amount} (null: all that is left) of a payment intent; {@code reason} Stripe's, or null. */
        public Refund create(String paymentIntent, Long amount, String reason) {
            return client.request("stripe.refunds.create", params("payment_intent", paymentIntent, "amount", amount,
                    "reason", reason), Refund.class);
        }
    }

    /** Name/value pairs to a parameter map, leaving out nulls (unset optional parameters). */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
