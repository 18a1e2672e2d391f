package dev.integrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.json.Json;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.provider.ProviderLoader;
import dev.integrator.webhook.WebhookSettings;
import dev.integrator.webhook.ingress.WebhookIngress;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code integrator webhooks replay <file> --provider <p> --event <e> [--url <url>]}: signs a payload with the
 * provider's secret (the first one listed in its {@code secretEnv}: {@code NEW,OLD} while rotating) and posts it to a
 * running
 * ingress, as the provider would; for checking a deployment end to end. The file is an event fixture (its
 * {@code payload} is sent) or a payload as it is. Exit 0 when answered 2xx, 1 otherwise.
 */
final class WebhooksCommand {

    private static final String USAGE =
            "usage: integrator webhooks replay <file> --provider <provider> --event <event> [--url <url>]";

    private WebhooksCommand() {
    }

    static int run(Path home, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length < 6 || !args[0].equals("replay") || (args.length - 2) % 2 != 0) {
            err.println(USAGE);
            return Main.USAGE;
        }
        String provider = null;
        String event = null;
        String url = null;
        for (int i = 2; i < args.length; i += 2) {
            switch (args[i]) {
                case "--provider" -> provider = args[i + 1];
                case "--event" -> event = args[i + 1];
                case "--url" -> url = args[i + 1];
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return Main.USAGE;
                }
            }
        }
        if (provider == null || event == null) {
            err.println(USAGE);
            return Main.USAGE;
        }
        WebhookSettings settings = settings(home, env, provider);
        List<String> secrets = settings.secrets(env);
        if (secrets.isEmpty()) {
            throw new ConfigurationException("environment", List.of(settings.secretEnv()
                    + " is not set: the delivery cannot be signed"));
        }
        byte[] body;
        JsonNode payload;
        try {
            JsonNode file = Json.MAPPER.readTree(Files.readAllBytes(Path.of(args[1])));
            payload = file.has("payload") && file.has("event") ? file.get("payload") : file;
            body = file == payload ? Files.readAllBytes(Path.of(args[1])) : Json.MAPPER.writeValueAsBytes(payload);
        } catch (IOException e) {
            err.println("cannot read " + args[1] + " as JSON: " + e.getMessage());
            return Main.USAGE;
        }
        URI target = URI.create(url != null ? url : "http://" + env.getOrDefault(WebhookIngress.HOST_ENV,
                WebhookIngress.DEFAULT_HOST) + ":"
                + env.getOrDefault(WebhookIngress.PORT_ENV, String.valueOf(WebhookIngress.DEFAULT_PORT)) + "/webhooks/"
                        + provider);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.sign(settings.scheme(), secrets.get(0), event, body, payload, Instant.now())
                .forEach(request::header);
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            out.println("webhooks replay: " + target + " answered " + answer.statusCode() + (answer.body().isEmpty()
                    ? "" : " " + answer.body()));
            return answer.statusCode() / 100 == 2 ? Main.OK : Main.ERROR;
        } catch (IOException e) {
            err.println("webhooks replay: no answer from " + target + ": " + e.getMessage());
            return Main.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.ERROR;
        }
    }

    private static WebhookSettings settings(Path home, Map<String, String> env, String provider) {
        List<String> problems = new ArrayList<>();
        ProviderConfig config = ProviderLoader.loadAll(Home.of(home).routes(), env, Map.of(), problems).get(provider);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("provider settings", problems);
        }
        if (config == null || config.webhooks() == null) {
            throw new ConfigurationException("provider settings", List.of("routes/" + provider
                    + "/provider.yaml: no webhooks block;"
                    + " the provider receives no webhooks"));
        }
        return config.webhooks();
    }
}
