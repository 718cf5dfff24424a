package com.cardpay.payments.integration.testutils;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures, in memory, everything logged in this JVM through Log4j 2 (Flink, the Kafka broker and
 * clients, our own code; the MiniCluster's task threads included) while a test class runs, at INFO
 * and above, and at DEBUG for the loggers named in the constructor. Each event is formatted as a
 * log file would hold it: timestamp, level, thread, logger, MDC, message and full stack trace with
 * every cause's message.
 *
 * <p>Register it first, so that it also sees the broker and the MiniCluster start:
 * <pre>
 * &#64;RegisterExtension &#64;Order(1) static final LogCapture LOGS = new LogCapture("com.cardpay");
 * </pre>
 * The appenders that were already configured (the console, for the other tests) keep the level
 * they had, so the console stays as quiet as before; everything is put back afterwards.
 */
public final class LogCapture implements BeforeAllCallback, AfterAllCallback {
    private static final String NAME = "card-data-log-capture";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5p [%t] %c %X - %m%n%ex";

    private final List<String> debugLoggers;
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private Capturing appender;
    private Level previousRootLevel;
    /** The root logger's appenders as configured, by name, with their configured reference (or null). */
    private final Map<String, AppenderRef> rootAppenders = new LinkedHashMap<>();

    /** @param debugLoggers logger names captured at DEBUG (e.g. our own {@code com.cardpay}) */
    public LogCapture(String... debugLoggers) {
        this.debugLoggers = List.of(debugLoggers);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = new Capturing(PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build());
        appender.start();
        config.addAppender(appender);

        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        for (String name : root.getAppenders().keySet()) {
            rootAppenders.put(name, root.getAppenderRefs().stream().filter(r -> r.getRef().equals(name)).findFirst().orElse(null));
        }
        // The configured appenders keep seeing only what they saw before: cap each at the old root level.
        rootAppenders.forEach((name, ref) -> {
            Appender existing = root.getAppenders().get(name);
            root.removeAppender(name);
            root.addAppender(existing, stricter(ref == null ? null : ref.getLevel(), previousRootLevel),
                    ref == null ? null : ref.getFilter());
        });
        root.addAppender(appender, null, null);
        root.setLevel(Level.INFO);
        for (String name : debugLoggers) {
            LoggerConfig existing = config.getLoggers().get(name);
            if (existing != null) {
                previousLevels.put(name, existing.getLevel());
                existing.setLevel(Level.DEBUG);
            } else {
                previousLevels.put(name, null);
                config.addLogger(name, LoggerConfig.newBuilder().withLoggerName(name).withLevel(Level.DEBUG)
                        .withAdditivity(true).withConfig(config).build());
            }
        }
        ctx.updateLoggers();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previousLevels.forEach((name, level) -> {
            if (level == null) {
                config.removeLogger(name);
            } else {
                config.getLoggers().get(name).setLevel(level);
            }
        });
        root.removeAppender(NAME);
        rootAppenders.forEach((name, ref) -> {
            Appender existing = root.getAppenders().get(name);
            root.removeAppender(name);
            root.addAppender(existing, ref == null ? null : ref.getLevel(), ref == null ? null : ref.getFilter());
        });
        root.setLevel(previousRootLevel);
        if (config instanceof AbstractConfiguration configured) {
            configured.removeAppender(NAME);
        } else {
            config.getAppenders().remove(NAME);
        }
        ctx.updateLoggers();
        appender.stop();
    }

    /** A position in the capture, to read only what was logged after it. */
    public int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Every event captured so far, formatted. */
    public List<String> lines() {
        return since(0);
    }

    public List<String> since(int mark) {
        synchronized (lines) {
            return List.copyOf(lines.subList(mark, lines.size()));
        }
    }

    /** Characters captured so far. */
    public long size() {
        return bytes.get();
    }

    private static Level stricter(Level a, Level b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isMoreSpecificThan(b) ? a : b;
    }

    private final class Capturing extends AbstractAppender {
        Capturing(PatternLayout layout) {
            super(NAME, null, layout, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String line = ((PatternLayout) getLayout()).toSerializable(event);
            bytes.addAndGet(line.length());
            synchronized (lines) {
                lines.add(line);
            }
        }
    }
}
