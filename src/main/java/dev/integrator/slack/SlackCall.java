package dev.integrator.slack;

import com.google.gson.JsonParseException;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.sdk.SdkFailures;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SDK method for one attempt and hands the chain what Slack sent. The SDK does not throw for {@code ok: false}
 * (an answer the error dialect classifies by its {@code error} string) and throws {@link SlackApiException} for any
 * other status than 200 (a 429 with its Retry-After, a 5xx): both are answers, returned as they came so that the
 * provider's settings classify them. IO failures become our typed errors; a {@code warning} is logged.
 */
final class SlackCall {

    private static final Logger LOG = LoggerFactory.getLogger("integrator.slack");

    /** One SDK method call, as the SDK declares it. */
    @FunctionalInterface
    interface Method<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private final AttemptCapture capture;

    SlackCall(AttemptCapture capture) {
        this.capture = capture;
    }

    <T extends SlackApiTextResponse> UpstreamResponse run(String method, Method<T> sdk) {
        AttemptCapture.Attempt attempt = capture.begin();
        try {
            T result = sdk.call();
            if (result.getWarning() != null) {
                LOG.warn("slack {} answered ok={} with warning: {}", method, result.isOk(), result.getWarning());
            }
            return answered(method, attempt);
        } catch (SlackApiException e) {
            return answered(method, attempt);
        } catch (JsonParseException e) {
            // The SDK could not read the body into its types: the contract judges it, and a change is drift, reported
            // as such with a sample, not an SDK error.
            return answered(method, attempt);
        } catch (AttemptCapture.TooLarge e) {
            throw IntegrationException.of(ErrorCode.UPSTREAM_ERROR, e.getMessage()).build();
        } catch (IOException e) {
            throw SdkFailures.io(e, attempt.connected);
        } finally {
            capture.end();
        }
    }

    private static UpstreamResponse answered(String method, AttemptCapture.Attempt attempt) {
        if (attempt.response == null) {
            throw IntegrationException.of(ErrorCode.INTERNAL, "the Slack SDK returned from " + method + " without an answer on the wire")
                    .build();
        }
        return attempt.response;
    }
}
