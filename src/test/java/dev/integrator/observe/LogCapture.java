package dev.integrator.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the given loggers print through the production encoder in either format, at the given level, until
 * closed; then puts the loggers back as they were.
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    LogCapture(Encoder<ILoggingEvent> encoder, Level level, String... loggerNames) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        for (String name : loggerNames) {
            Logger logger = context.getLogger(name);
            loggers.add(logger);
            levels.add(logger.getLevel());
            logger.setLevel(level);
            logger.addAppender(appender);
        }
    }

    public static LogCapture json(Level level, String... loggers) {
        LogEncoder encoder = new LogEncoder();
        encoder.setFormat("json");
        return new LogCapture(encoder, level, loggers);
    }

    public static LogCapture text(Level level, String... loggers) {
        LogEncoder encoder = new LogEncoder();
        encoder.setFormat("text");
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%ex");
        return new LogCapture(encoder, level, loggers);
    }

    public String output() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public List<String> lines() {
        return output().lines().toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appender);
            loggers.get(i).setLevel(levels.get(i));
        }
        appender.stop();
    }
}
