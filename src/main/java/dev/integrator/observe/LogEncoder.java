package dev.integrator.observe;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * The encoder of integrator's log ({@link LogSetup}), masked by {@link LogRedaction} in either format: {@code json}
 * (logstash-logback-encoder's layout, one object per line, MDC and structured arguments as fields; every value masked)
 * or {@code text} (the given pattern; the whole line masked), chosen by {@code format}. One appender whose encoder
 * switches, rather than two appenders of which one is unused, which logback would warn about on stdout, where
 * {@code call} prints its envelope.
 */
public class LogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    private Encoder<ILoggingEvent> delegate;
    private boolean maskLines;

    public void setFormat(String format) {
        this.format = format == null ? "" : format.trim();
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equalsIgnoreCase("json")) {
            MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
            masking.addValueMasker(new LogRedaction());
            masking.start(); // the encoder does not start it, and an unstarted one drops every event
            LogstashEncoder json = new LogstashEncoder();
            json.setJsonGeneratorDecorator(masking);
            delegate = json;
        } else {
            if (!format.equalsIgnoreCase("text")) {
                addWarn("INTEGRATOR_LOG_FORMAT must be json or text, but was '" + format + "': using text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            delegate = text;
            maskLines = true;
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
        byte[] encoded = delegate.encode(event);
        return maskLines ? LogRedaction.mask(new String(encoded, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : encoded;
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
