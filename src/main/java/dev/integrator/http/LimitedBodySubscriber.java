package dev.integrator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects a response body but gives up, and cancels the stream, once it passes {@code maxBytes} or when the body
 * is not complete by the attempt's deadline.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("response body exceeds the limit of " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;
    private final long deadlineNanos;
    private final Duration timeout;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /** @param deadlineNanos the {@link System#nanoTime()} by which the whole body must be in */
    LimitedBodySubscriber(long maxBytes, long deadlineNanos, Duration timeout) {
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        // The JDK's shared delay thread fails the body at the deadline; completing first cancels that timer.
        CompletableFuture<Void> timer = new CompletableFuture<Void>()
                .orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        timer.whenComplete((done, late) -> {
            if (late != null && result.completeExceptionally(
                    new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms"))) {
                subscription.cancel();
            }
        });
        result.whenComplete((body, failure) -> timer.complete(null));
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
