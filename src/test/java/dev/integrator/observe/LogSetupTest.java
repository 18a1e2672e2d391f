package dev.integrator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Logback's configuration in code: what the logback.xml it replaces said, and out of the way of an application's own. */
class LogSetupTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("INTEGRATOR_LOG");
        System.clearProperty("INTEGRATOR_CAMEL_LOG");
        System.clearProperty("INTEGRATOR_LOG_FORMAT");
    }

    @Test
    void logback_finds_it_as_a_service() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream().map(p -> p.type().getName()))
                .contains(LogSetup.class.getName());
    }

    @Test
    void warnings_go_to_stderr_with_integrators_levels_from_the_settings() {
        System.setProperty("INTEGRATOR_LOG", "INFO");
        System.setProperty("INTEGRATOR_CAMEL_LOG", "ERROR");
        LoggerContext context = new LoggerContext();

        assertThat(new LogSetup().configure(context, getClass().getClassLoader())).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        Appender<ILoggingEvent> appender = root.getAppender("STDERR");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<ILoggingEvent>) appender).getTarget()).isEqualTo("System.err");
        assertThat(((ConsoleAppender<ILoggingEvent>) appender).getEncoder()).isInstanceOf(LogEncoder.class);
        assertThat(appender.isStarted()).isTrue();
        assertThat(context.getLogger("integrator").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.integrator").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.camel").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void without_settings_everything_logs_from_warn() {
        LoggerContext context = new LoggerContext();

        new LogSetup().configure(context, getClass().getClassLoader());

        assertThat(context.getLogger("dev.integrator").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.camel").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void an_applications_own_logback_xml_is_left_to_logback() throws IOException {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        LoggerContext context = new LoggerContext();

        try (URLClassLoader withXml = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(new LogSetup().configure(context, withXml)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
