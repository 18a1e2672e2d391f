package dev.integrator.observe;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;

/** A readable line per event for a person at a terminal, masked by {@link LogRedaction} like the JSON format. */
public class TextLogEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        Charset charset = getCharset() != null ? getCharset() : Charset.defaultCharset();
        return LogRedaction.mask(new String(super.encode(event), charset)).getBytes(charset);
    }
}
