package dev.integrator.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.Home;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.json.Json;
import dev.integrator.runtime.Integrator;
import dev.integrator.sandbox.Sandbox.Reply;
import dev.integrator.sandbox.Sandbox;
import dev.integrator.sandbox.SlackStandIn;
import dev.integrator.sandbox.StripeSandbox;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code integrator demo}: a short tour of the chain against an embedded sandbox GitHub that replays the
 * project's fixtures, then of an SDK-backed provider against the sandbox's Slack stand-in ({@link SlackDemoAct}),
 * then a Stripe act against the Stripe stand-in ({@link StripeAct}) and the webhook ingress. Needs no credentials
 * and no network; exits 0 when every step showed what it should.
 */
final class DemoCommand {

    /** One step of the tour; {@code shown} is false when what the step must show beyond its outcome did not happen. */
    record Step(String title, ErrorCode expected, Envelope envelope, int requests, boolean shown) {
        Step(String title, ErrorCode expected, Envelope envelope, int requests) {
            this(title, expected, envelope, requests, true);
        }

        boolean asExpected() {
            return shown && (expected == null ? envelope.ok() : !envelope.ok() && envelope.error().code() == expected);
        }
    }

    /** The sandbox is not GitHub: a wider budget and quicker retries keep the tour short. */
    private static final ObjectNode SANDBOX_SETTINGS = Json.MAPPER.createObjectNode();

    static {
        SANDBOX_SETTINGS.putObject("budget").put("requestsPerSecond", 50).put("burst", 50);
        SANDBOX_SETTINGS.putObject("retry").put("initialDelayMs", 100).put("maxDelayMs", 400);
    }

    private DemoCommand() {
    }

    static int run(Path home, PrintStream out) {
        Path fixtures = Home.of(home).fixtures();
        try (Sandbox sandbox = script(Sandbox.start(), fixtures);
                SlackStandIn slack = SlackStandIn.start();
                StripeSandbox stripe = StripeSandbox.start();
                Integrator integrator = Integrator.builder().home(home)
                        .env(StripeAct.env(SlackDemoAct.env(Sentinels.baseUrlsAt(Home.of(home), sandbox.baseUrl()), slack),
                                stripe))
                        .override("github", SANDBOX_SETTINGS)
                        .override("stripe", StripeAct.SETTINGS)
                        // The sandbox's drift is a fixture, not the provider's: it keeps no sample.
                        .driftSamples(0)
                        .start()) {
            out.println("integrator demo: sandbox GitHub at " + sandbox.baseUrl() + " replaying fixtures/\n");
            List<Step> steps = new ArrayList<>();
            steps.add(step(out, sandbox, integrator, "paginated list, page 1 (Link header -> nextPage)", null,
                    "github.issues.list", Map.of("owner", "octo-org", "repo", "hello-world")));
            steps.add(step(out, sandbox, integrator, "paginated list, page 2 (last page: nextPage null)", null,
                    "github.issues.list", Map.of("owner", "octo-org", "repo", "hello-world", "page", 2)));
            steps.add(step(out, sandbox, integrator, "a 503 burst recovered by retries", null,
                    "github.repos.get", Map.of("owner", "sandbox", "repo", "flaky")));
            steps.add(step(out, sandbox, integrator, "a 429 with Retry-After: 1, waited out and retried", null,
                    "github.issues.get", Map.of("owner", "sandbox", "repo", "busy", "issue_number", 1347)));
            steps.add(step(out, sandbox, integrator, "a drifted body caught by the contract", ErrorCode.CONTRACT_VIOLATION,
                    "github.issues.list", Map.of("owner", "sandbox", "repo", "drifted")));
            steps.add(breaker(out, sandbox, integrator));
            steps.addAll(SlackDemoAct.run(out, slack, integrator));
            steps.addAll(StripeAct.run(out, stripe, integrator));
            List<WebhookDemo.Result> webhooks = WebhookDemo.run(home, integrator, out);

            out.println("summary:");
            for (Step s : steps) {
                out.printf("  %-4s %-55s %-20s attempts=%d requests=%d%n", s.asExpected() ? "ok" : "FAIL", s.title(),
                        s.envelope().ok() ? "ok" : s.envelope().error().code(), s.envelope().meta().attempts(), s.requests());
            }
            for (WebhookDemo.Result w : webhooks) {
                out.printf("  %-4s %-55s HTTP %d%n", w.asExpected() ? "ok" : "FAIL", w.title(), w.status());
            }
            out.println("  sandbox served " + sandbox.requests() + " requests in all, the Stripe stand-in "
                    + stripe.requests());
            boolean shown = steps.stream().allMatch(Step::asExpected)
                    && webhooks.stream().allMatch(WebhookDemo.Result::asExpected);
            return shown ? Main.OK : Main.ERROR;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r
                    : new IllegalStateException("the webhook demo failed: " + e.getMessage(), e);
        }
    }

    /** Fails the "down" repository until the breaker opens, then shows the fast failure. */
    private static Step breaker(PrintStream out, Sandbox sandbox, Integrator integrator) {
        Map<String, Object> down = Map.of("owner", "sandbox", "repo", "down");
        int before = sandbox.requests();
        int calls = 0;
        Envelope envelope;
        do {
            envelope = integrator.call("github.repos.get", down);
            calls++;
        } while (!envelope.ok() && envelope.error().code() != ErrorCode.CIRCUIT_OPEN && calls < 20);
        int failing = sandbox.requests() - before;
        out.println("== breaker: " + (calls - 1) + " calls failed with 503 after retries (" + failing
                + " requests), then the breaker opened");
        Step open = step(out, sandbox, integrator, "breaker open: fails fast, no request sent", ErrorCode.CIRCUIT_OPEN,
                "github.repos.get", down);
        return open;
    }

    private static Step step(PrintStream out, Sandbox sandbox, Integrator integrator, String title, ErrorCode expected,
            String operation, Map<String, ?> params) {
        int before = sandbox.requests();
        Envelope envelope = integrator.call(operation, params);
        int requests = sandbox.requests() - before;
        out.println("== " + title + ": " + operation + " " + params);
        EnvelopePrinter.print(out, envelope);
        out.println();
        return new Step(title, expected, envelope, requests);
    }

    private static Sandbox script(Sandbox sandbox, Path fixtures) {
        Reply firstPage = reply(fixtures, "github.issues.v2", "good", "list-first-page-with-next-link");
        Reply lastPage = reply(fixtures, "github.issues.v2", "good", "list-last-page-without-next-link");
        Reply repo = reply(fixtures, "github.repos.v1", "good", "get-public-org-repo");
        Reply unavailable = reply(fixtures, "github.repos.v1", "bad", "get-503-service-unavailable");
        Reply tooMany = reply(fixtures, "github.labels.v1", "bad", "create-429-retry-after").withHeader("Retry-After", "1");
        Reply issue = reply(fixtures, "github.issues.v2", "good", "get-issue-with-label-objects");
        Reply drifted = reply(fixtures, "github.issues.v2", "bad", "list-number-changed-to-string");
        return sandbox
                .script("GET", "/repos/octo-org/hello-world/issues", null, firstPage)
                .script("GET", "/repos/octo-org/hello-world/issues", "page=2", lastPage)
                .script("GET", "/repos/sandbox/flaky", null, unavailable, unavailable, repo)
                .script("GET", "/repos/sandbox/busy/issues/1347", null, tooMany, issue)
                .script("GET", "/repos/sandbox/drifted/issues", null, drifted)
                .script("GET", "/repos/sandbox/down", null, unavailable);
    }

    private static Reply reply(Path fixtures, String contract, String kind, String name) {
        Fixture f = Fixtures.load(fixtures, contract, kind, name);
        return f.response().reply();
    }
}
