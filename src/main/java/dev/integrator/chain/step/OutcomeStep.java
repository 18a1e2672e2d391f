package dev.integrator.chain.step;

import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.Meta;
import dev.integrator.OperationId;
import dev.integrator.chain.CallContext;
import dev.integrator.chain.breaker.BreakerGroup;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last link, on both paths: makes the call's envelope, logs the outcome and, on failure, rethrows it as the one
 * IntegrationException type carrying that envelope. The body stays the DTO for a direct caller; {@code Integrator.call}
 * returns the envelope the call keeps. An open breaker's rejection becomes CIRCUIT_OPEN, with the time until the
 * breaker lets a call through again as retryAfterMs; anything unexpected becomes INTERNAL (and is logged with its
 * stack, since it is our bug, not the provider's). Provider text in an error was masked where the error was made
 * (AttemptStep); the other links put no values in their messages.
 */
public final class OutcomeStep {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeStep.class);

    public void succeed(Exchange exchange) {
        CallContext s = CallContext.of(exchange);
        s.succeeded(exchange.getMessage().getBody());
        s.meters().finished(null, s.elapsedNanos());
        CallLog.outcome(s, null);
    }

    public void fail(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        CallContext s = CallContext.of(exchange);
        IntegrationException failure = typed(caught, s, exchange.getFromRouteId());
        if (s == null) {
            throw failure.withMeta(Meta.notRun(OperationId.parse(exchange.getFromRouteId()), null));
        }
        s.failed(failure);
        s.meters().finished(failure.code(), s.elapsedNanos());
        CallLog.outcome(s, failure);
        throw failure;
    }

    private static IntegrationException typed(Throwable caught, CallContext s, String operation) {
        if (caught instanceof IntegrationException e) {
            return e;
        }
        if (caught instanceof CallNotPermittedException && s != null) {
            BreakerGroup breaker = s.spec().breaker();
            return IntegrationException.of(ErrorCode.CIRCUIT_OPEN, "circuit breaker " + breaker.name()
                    + " is open: failing fast without calling the provider").retryable(true).notSent()
                    .retryAfterMs(breaker.retryAfterMs(Instant.now())).build();
        }
        LOG.error("unexpected failure in {}", operation, caught);
        return IntegrationException.of(ErrorCode.INTERNAL, "unexpected failure: " + (caught == null ? "unknown" : caught.getClass().getSimpleName()))
                .build();
    }
}
