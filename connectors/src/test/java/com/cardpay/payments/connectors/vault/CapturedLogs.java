package com.cardpay.payments.connectors.vault;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one class logs (INFO and above, with its level) while a test runs: try-with-resources. */
final class CapturedLogs implements AutoCloseable {
    private final String loggerName;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    private CapturedLogs(Class<?> type) {
        this.loggerName = type.getName();
        this.appender = new AbstractAppender("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                Throwable thrown = event.getThrown();
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage()
                        + (thrown == null ? "" : " " + thrown));
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig logger = new LoggerConfig(loggerName, Level.INFO, true);
        logger.addAppender(appender, Level.INFO, null);
        context.getConfiguration().addLogger(loggerName, logger);
        context.updateLoggers();
    }

    static CapturedLogs of(Class<?> type) {
        return new CapturedLogs(type);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }
}
