package dev.integrator.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects of the Stripe stand-in and what Stripe does to them: customers (created, read, listed newest first with
 * {@code starting_after}, searched by {@code email:'...'} or {@code name:'...'} with {@code next_page}), payment
 * intents (created, confirmed, declined by Stripe's test payment methods, canceled) and refunds. Shapes follow Stripe's
 * documented objects, reduced to what the contracts read plus the client secret. Not thread-safe: the stand-in
 * serializes the calls.
 */
final class StripeObjects {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Stripe's test payment methods that decline, by the decline code they give. */
    private static final Map<String, String> DECLINES = Map.of(
            "pm_card_chargeDeclined", "generic_decline",
            "pm_card_visa_chargeDeclined", "generic_decline",
            "pm_card_visa_chargeDeclinedInsufficientFunds", "insufficient_funds",
            "pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds");

    /** The search queries the stand-in understands: one exact field match. */
    private static final Pattern QUERY = Pattern.compile("(email|name):'([^']*)'");

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> paymentIntents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> refunds = new LinkedHashMap<>();
    private int created;

    int created() {
        return created;
    }

    int paymentIntents() {
        return paymentIntents.size();
    }

    StripeAnswer createCustomer(FormParams p) {
        ObjectNode c = object("customer", "cus_");
        c.put("email", p.get("email")).put("name", p.get("name")).put("description", p.get("description"))
                .put("delinquent", false).put("balance", 0);
        c.set("metadata", Json.MAPPER.valueToTree(p.map("metadata")));
        customers.put(c.get("id").asText(), c);
        return StripeAnswer.ok(c);
    }

    StripeAnswer customer(String id) {
        ObjectNode c = customers.get(id);
        return c == null ? StripeAnswer.missing("customer", id, "id") : StripeAnswer.ok(c);
    }

    /** Newest first; {@code starting_after} the id of the previous page's last item. */
    StripeAnswer listCustomers(FormParams p) {
        List<ObjectNode> all = new ArrayList<>(customers.values());
        Collections.reverse(all);
        String after = p.get("starting_after");
        int from = 0;
        if (after != null) {
            from = all.indexOf(customers.get(after)) + 1;
            if (from == 0) {
                return StripeAnswer.missing("customer", after, "starting_after");
            }
        }
        return page("list", "/v1/customers", all, from, limit(p), null);
    }

    /** {@code email:'x'} or {@code name:'x'}; {@code page} is the opaque token of the previous answer's next_page. */
    StripeAnswer searchCustomers(FormParams p) {
        String query = p.get("query");
        if (query == null) {
            return StripeAnswer.parameterMissing("query");
        }
        Matcher m = QUERY.matcher(query);
        if (!m.matches()) {
            return StripeAnswer.error(400, "invalid_request_error", "parameter_invalid_string", "query",
                    "We were unable to parse your search query.");
        }
        Predicate<ObjectNode> match = c -> m.group(2).equals(c.path(m.group(1)).asText(null));
        List<ObjectNode> found = new ArrayList<>(customers.values().stream().filter(match).toList());
        Collections.reverse(found);
        int from = p.get("page") == null ? 0
                : Integer.parseInt(new String(Base64.getUrlDecoder().decode(p.get("page")), StandardCharsets.UTF_8));
        return page("search_result", "/v1/customers/search", found, from, limit(p), "");
    }

    private static int limit(FormParams p) {
        return p.get("limit") == null ? 10 : Integer.parseInt(p.get("limit"));
    }

    /** A list page; a search page ({@code search} not null) also has next_page and total_count. */
    private static StripeAnswer page(String kind, String url, List<ObjectNode> all, int from, int limit,
            String search) {
        ObjectNode page = Json.MAPPER.createObjectNode().put("object", kind).put("url", url);
        ArrayNode data = page.putArray("data");
        all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).forEach(data::add);
        boolean more = from + limit < all.size();
        page.put("has_more", more);
        if (search != null) {
            page.put("next_page", more ? Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.valueOf(from + limit).getBytes(StandardCharsets.UTF_8)) : null);
            page.put("total_count", all.size());
        }
        return StripeAnswer.ok(page);
    }

    StripeAnswer createPaymentIntent(FormParams p) {
        if (p.get("amount") == null || p.get("currency") == null) {
            return StripeAnswer.parameterMissing(p.get("amount") == null ? "amount" : "currency");
        }
        if (p.get("customer") != null && !customers.containsKey(p.get("customer"))) {
            return StripeAnswer.missing("customer", p.get("customer"), "customer");
        }
        ObjectNode pi = object("payment_intent", "pi_");
        String id = pi.get("id").asText();
        pi.put("amount", Long.parseLong(p.get("amount"))).put("currency", p.get("currency"))
                .put("customer", p.get("customer")).put("payment_method", p.get("payment_method"))
                .put("client_secret", id + "_secret_" + randomText(24)).put("capture_method", "automatic")
                .put("confirmation_method", "automatic").putNull("next_action").putNull("last_payment_error")
                .put("status", p.get("payment_method") == null ? "requires_payment_method" : "requires_confirmation");
        pi.putArray("payment_method_types").add("card");
        pi.set("metadata", Json.MAPPER.valueToTree(p.map("metadata")));
        paymentIntents.put(id, pi);
        return "true".equals(p.get("confirm")) ? confirm(pi, p.get("payment_method")) : StripeAnswer.ok(pi);
    }

    StripeAnswer paymentIntent(String id) {
        ObjectNode pi = paymentIntents.get(id);
        return pi == null ? StripeAnswer.missing("payment_intent", id, "intent") : StripeAnswer.ok(pi);
    }

    StripeAnswer confirmPaymentIntent(String id, FormParams p) {
        ObjectNode pi = paymentIntents.get(id);
        if (pi == null) {
            return StripeAnswer.missing("payment_intent", id, "intent");
        }
        String paymentMethod = p.get("payment_method");
        return confirm(pi, paymentMethod != null ? paymentMethod : pi.path("payment_method").asText(null));
    }

    /** Charges the payment method: Stripe's declining test cards fail with 402 and leave the intent to retry. */
    private StripeAnswer confirm(ObjectNode pi, String paymentMethod) {
        if (paymentMethod == null) {
            return StripeAnswer.error(400, "invalid_request_error", "payment_intent_unexpected_state", "payment_method",
                    "You cannot confirm this PaymentIntent because it's missing a payment method.");
        }
        pi.put("payment_method", paymentMethod);
        String decline = DECLINES.get(paymentMethod);
        if (decline == null) {
            pi.put("status", "succeeded").putNull("last_payment_error");
            return StripeAnswer.ok(pi);
        }
        String message = decline.equals("insufficient_funds")
                ? "Your card has insufficient funds." : "Your card was declined.";
        StripeAnswer declined = StripeAnswer.error(402, "card_error", "card_declined", null, message);
        ObjectNode error = (ObjectNode) declined.body().get("error");
        error.put("decline_code", decline);
        pi.put("status", "requires_payment_method").set("last_payment_error", error.deepCopy());
        error.set("payment_intent", pi.deepCopy());
        return declined;
    }

    StripeAnswer cancelPaymentIntent(String id, FormParams p) {
        ObjectNode pi = paymentIntents.get(id);
        if (pi == null) {
            return StripeAnswer.missing("payment_intent", id, "intent");
        }
        if (pi.path("status").asText().equals("succeeded")) {
            return StripeAnswer.error(400, "invalid_request_error", "payment_intent_unexpected_state", null,
                    "You cannot cancel this PaymentIntent because it has a status of succeeded.");
        }
        pi.put("status", "canceled").put("cancellation_reason", p.get("cancellation_reason"));
        return StripeAnswer.ok(pi);
    }

    StripeAnswer createRefund(FormParams p) {
        String intent = p.get("payment_intent");
        if (intent == null) {
            return StripeAnswer.parameterMissing("payment_intent");
        }
        ObjectNode pi = paymentIntents.get(intent);
        if (pi == null) {
            return StripeAnswer.missing("payment_intent", intent, "payment_intent");
        }
        ObjectNode refund = object("refund", "re_");
        refund.put("amount", p.get("amount") != null ? Long.parseLong(p.get("amount")) : pi.path("amount").asLong())
                .put("currency", pi.path("currency").asText()).put("payment_intent", intent)
                .put("reason", p.get("reason")).put("status", "succeeded");
        refund.set("metadata", Json.MAPPER.valueToTree(p.map("metadata")));
        refunds.put(refund.get("id").asText(), refund);
        return StripeAnswer.ok(refund);
    }

    private ObjectNode object(String kind, String prefix) {
        created++;
        return Json.MAPPER.createObjectNode().put("id", prefix + randomText(24)).put("object", kind)
                .put("created", System.currentTimeMillis() / 1000).put("livemode", false);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
