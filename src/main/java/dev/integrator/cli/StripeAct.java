package dev.integrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.StripeSandbox;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Stripe act, against the Stripe stand-in: a payment intent whose answer comes too late (Stripe created it,
 * the attempt timed out) is retried under the same idempotency key and exists once; a declined card is UNPROCESSABLE
 * with the issuer's decline code, and is not retried.
 */
final class StripeAct {

    /** Attempts of one second, so that the stand-in's late answer is a timeout without a long wait. */
    static final ObjectNode SETTINGS = Json.MAPPER.createObjectNode();
    private static final Duration LATE = Duration.ofMillis(2500);

    static {
        SETTINGS.putObject("timeouts").put("responseMs", 1000);
        SETTINGS.putObject("retry").put("initialDelayMs", 100).put("maxDelayMs", 400);
    }

    private StripeAct() {
    }

    /** {@code env} with Stripe pointed at the stand-in, under a test-mode key of its own. */
    static Map<String, String> env(Map<String, String> env, StripeSandbox stripe) {
        Map<String, String> all = new HashMap<>(env);
        all.put("STRIPE_BASE_URL", stripe.baseUrl());
        all.put("STRIPE_API_KEY", "sk_test_sandbox0demo0key");
        return all;
    }

    static List<DemoCommand.Step> run(PrintStream out, StripeSandbox stripe, Integrator integrator) {
        out.println("== Stripe stand-in at " + stripe.baseUrl());
        stripe.slowAfterCreate(LATE, 1);
        Map<String, Object> order = Map.of("amount", 2000, "currency", "eur", "metadata", Map.of("order", "demo-1"));
        int before = stripe.requests();
        Envelope created = integrator.call("stripe.payment_intents.create", order);
        int requests = stripe.requests() - before;
        out.println("== a payment intent whose answer came " + LATE.toMillis() + " ms late, after Stripe created it:"
                + " stripe.payment_intents.create " + order);
        EnvelopePrinter.print(out, created);
        out.println("   the stand-in saw " + requests + " requests, idempotency keys " + stripe.keys()
                + ", and created " + stripe.paymentIntentsCreated() + " payment intent(s)\n");
        DemoCommand.Step once = new DemoCommand.Step("Stripe: create timed out, retried, created once", null, created,
                requests, stripe.paymentIntentsCreated() == 1 && stripe.keys().size() == 1);

        Map<String, Object> declined = Map.of("amount", 2000, "currency", "eur", "confirm", true,
                "payment_method", "pm_card_visa_chargeDeclinedInsufficientFunds");
        before = stripe.requests();
        Envelope refused = integrator.call("stripe.payment_intents.create", declined);
        out.println("== a declined card: stripe.payment_intents.create " + declined);
        EnvelopePrinter.print(out, refused);
        out.println();
        return List.of(once, new DemoCommand.Step("Stripe: a declined card, not retried", ErrorCode.UNPROCESSABLE,
                refused, stripe.requests() - before));
    }
}
