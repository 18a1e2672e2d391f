package dev.integrator.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code rather than in a logback.xml: reading the XML cost about a tenth of the start's CPU
 * (logback's XML configurator and its parser), for five settings. Logs go to stderr: stdout carries the envelope of
 * {@code integrator call}. {@code INTEGRATOR_LOG_FORMAT} picks the format, {@code json} (one object per line, the
 * default of {@code integrator run}) or {@code text} (readable, the default of every other command);
 * {@code INTEGRATOR_LOG} sets integrator's level (INFO shows one event per upstream attempt and one per call, the default
 * of {@code run}; WARN only trouble, the default elsewhere) and {@code INTEGRATOR_CAMEL_LOG} Camel's. Each is read as a
 * system property first, then from the environment, as logback reads {@code ${NAME}}. Both formats mask secrets
 * ({@link LogRedaction}).
 * <p>
 * An application that brings its own logback.xml or logback-test.xml, or names one in {@code logback.configurationFile},
 * gets that one instead: logback then reads it as usual.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, LogSetup.class.getClassLoader());
    }

    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat(setting("INTEGRATOR_LOG_FORMAT", "text"));
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.apache.camel").setLevel(Level.toLevel(setting("INTEGRATOR_CAMEL_LOG", "WARN")));
        String integrator = setting("INTEGRATOR_LOG", "WARN");
        context.getLogger("integrator").setLevel(Level.toLevel(integrator));
        context.getLogger("dev.integrator").setLevel(Level.toLevel(integrator));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? fallback : value;
    }
}
