package dev.integrator.webhook.ingress;

import dev.integrator.webhook.verify.Delivery;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP side of the ingress, on Vert.x (the server Camel's platform-http-vertx runs on): {@code POST
 * /webhooks/<provider>} for each provider with webhooks. Each provider's route has its own body limit, checked by
 * Vert.x's BodyHandler before the body is read whole: a Content-Length over it is answered 413 at once, a chunked
 * body as soon as its bytes pass it. The handler then runs on a worker thread, never on the event loop, with the
 * exact bytes received.
 */
final class IngressServer implements AutoCloseable {

    static final String PATH = "/webhooks/";
    /** Deliveries handled at once; more wait in Vert.x's queue. */
    private static final int WORKERS = 16;

    /** One provider's route: its body limit and what answers a delivery. */
    record Route(long maxBodyBytes, Function<Delivery, DeliveryHandler.Answer> handler) {
    }

    private final Vertx vertx;
    private final HttpServer server;

    private IngressServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static IngressServer start(String host, int port, Map<String, Route> routes, IngressMetrics metrics, Clock clock) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKERS));
        Router router = Router.router(vertx);
        routes.forEach((provider, route) -> {
            router.post(PATH + provider).handler(BodyHandler.create(false).setBodyLimit(route.maxBodyBytes()))
                    .blockingHandler(ctx -> {
                        Delivery delivery = delivery(ctx, clock);
                        DeliveryHandler.Answer answer = route.handler().apply(delivery);
                        metrics.count(provider, answer.outcome(), Duration.between(delivery.receivedAt(),
                                clock.instant()));
                        answer(ctx, answer);
                    }, false);
            router.route(PATH + provider).handler(ctx -> ctx.response().setStatusCode(405).putHeader("Allow", "POST")
                    .end());
        });
        router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
        // The BodyHandler fails the request with 413 before reading on: count it, answer, and drop the connection so
        // the rest of the body is never read.
        router.errorHandler(413, ctx -> {
            String provider = ctx.request().path().substring(PATH.length());
            if (routes.containsKey(provider)) {
                metrics.count(provider, Outcome.TOO_LARGE, Duration.ZERO);
            }
            ctx.response().setStatusCode(413).putHeader("Connection", "close").end();
        });
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        try {
            server.requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open the webhook port " + host + ":" + port + ": "
                    + cause.getMessage()
                    + " (INTEGRATOR_WEBHOOK_HOST / INTEGRATOR_WEBHOOK_PORT choose another)", e);
        }
        return new IngressServer(vertx, server);
    }

    /** The delivery as received; its time is when its body was in, which the provider's deadline counts from too. */
    private static Delivery delivery(RoutingContext ctx, Clock clock) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        MultiMap all = ctx.request().headers();
        all.names().forEach(name -> headers.put(name, new ArrayList<>(all.getAll(name))));
        Buffer body = ctx.body().buffer();
        return new Delivery(headers, body == null ? new byte[0] : body.getBytes(), clock.instant());
    }

    private static void answer(RoutingContext ctx, DeliveryHandler.Answer answer) {
        var response = ctx.response().setStatusCode(answer.outcome().status());
        answer.headers().forEach(response::putHeader);
        if (answer.body().isEmpty()) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json").end(answer.body());
        }
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway: the Vert.x instance below takes the server with it.
        } finally {
            vertx.close();
        }
    }
}
