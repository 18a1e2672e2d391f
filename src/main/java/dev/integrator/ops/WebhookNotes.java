package dev.integrator.ops;

import dev.integrator.provider.ProviderConfig;
import dev.integrator.webhook.WebhookSettings;
import dev.integrator.webhook.ingress.WebhookIngress;
import java.util.Map;

/** The ops notes' Webhooks section: what to register at the provider and what the ingress does with a delivery. */
final class WebhookNotes {

    private static final Map<String, String> SCHEMES = Map.of(
            "github", "`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; no signed timestamp, so a replay"
                    + " is stopped by the delivery id (`X-GitHub-Hook-ID` + `X-GitHub-Delivery`) alone",
            "stripe", "`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`;"
                    + " delivery id: the event's `id`",
            "slack", "`X-Slack-Signature: v0=<hex HMAC-SHA256 of \"v0:<ts>:<body>\">` with `X-Slack-Request-Timestamp`;"
                    + " delivery id: `event_id`; `url_verification` is answered with its challenge",
            "standard", "Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256 of \"<id>.<ts>.<body>\">`"
                    + " with `webhook-id` (the delivery id) and `webhook-timestamp`;"
                    + " the secret is `whsec_` + base64 of the key");

    private WebhookNotes() {
    }

    static void append(StringBuilder md, ProviderConfig p) {
        WebhookSettings w = p.webhooks();
        if (w == null) {
            return;
        }
        String name = p.provider();
        md.append("\n## Webhooks\n\n");
        md.append("- URL to register at the provider: `https://<public host>").append("/webhooks/").append(name)
                .append("`, proxied to `integrator run`, which listens on `").append(WebhookIngress.HOST_ENV)
                        .append("`:`")
                .append(WebhookIngress.PORT_ENV).append("` (default ").append(WebhookIngress.DEFAULT_HOST).append(':')
                .append(WebhookIngress.DEFAULT_PORT).append("). Content type: JSON.\n");
        md.append("- Events to subscribe: ").append(String.join(", ", w.events().stream().map(e -> "`" + e + "`")
                .toList()))
                .append(". Each is validated against `contracts/").append(name)
                        .append(".events.<event>.vN.yaml` and published to `")
                .append("integrator.events.").append(name).append(".<event>`")
                .append(w.events().contains("ping") ? "; `ping` is answered 200 and not queued" : "")
                .append(". Another event type is answered 202 and dropped (outcome `ignored`): unsubscribe it at the "
                        + "provider.\n");
        md.append("- Secret: `").append(w.secretEnv())
                .append("`, several comma-separated while one is rotated out; unset, every delivery")
                .append(" is refused (401). Never logged.\n");
        md.append("- Signature (`").append(w.scheme()).append("`): ").append(SCHEMES.getOrDefault(w.scheme(),
                w.scheme())).append(".\n");
        md.append("- Size limit: ").append(w.maxBodyBytes())
                .append(" bytes (`webhooks.maxBodyBytes`); a larger body is answered 413 before it")
                .append(" is read whole.\n");
        md.append("- Replay window: ").append(w.scheme().equals("github") ? "none (the scheme signs no timestamp)"
                : w.toleranceSeconds() + " s both ways (`webhooks.toleranceSeconds`); outside it, 401").append(".\n");
        md.append("- Duplicates: a delivery id is remembered ").append(w.dedupeSeconds())
                .append(" s (`webhooks.dedupeSeconds`); a delivery sent again is answered 200 and not queued again.\n");
        md.append("- Answers: 202 only once the broker holds the event; 503 with `Retry-After` when it does not; a "
                + "payload that breaks its")
                .append(" contract is dead-lettered and answered 202. Outcomes and what to do: "
                        + "`ops/runbooks/webhooks.md`.\n");
    }
}
