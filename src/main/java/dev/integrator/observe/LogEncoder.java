package dev.integrator.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * The encoder logback.xml names: {@code json} ({@link JsonLogEncoder}) or {@code text} ({@link TextLogEncoder}
 * with the given pattern), chosen by {@code format}. One appender whose encoder switches, rather than two
 * appenders of which one is unused, which logback would warn about on stdout, where {@code call} prints its
 * envelope.
 */
public class LogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim();
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equalsIgnoreCase("json")) {
            delegate = new JsonLogEncoder();
        } else {
            if (!format.equalsIgnoreCase("text")) {
                addWarn("INTEGRATOR_LOG_FORMAT must be json or text, but was '" + format + "': using text");
            }
            TextLogEncoder text = new TextLogEncoder();
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
