package com.cardpay.payments.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the settings from an optional properties file ({@code --config FILE}) and command-line
 * overrides ({@code --key value} or {@code --key=value}, where key is any {@link ConfigKey}).
 * Overrides win over the file, and the file over defaults.
 */
public final class PaymentsConfigLoader {
    private PaymentsConfigLoader() {}

    public static PaymentsConfig load(String[] args) {
        return PaymentsConfig.from(settings(args));
    }

    /** The raw settings, unvalidated: file first, then arguments. */
    public static Map<String, String> settings(String[] args) {
        Map<String, String> fromArgs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String configFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("argument '" + arg + "': expected --key value or --key=value");
                continue;
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                key = arg.substring(2);
                value = args[++i];
            } else {
                problems.add(arg.substring(2) + ": no value given");
                continue;
            }
            if (key.equals("config")) {
                configFile = value;
            } else {
                fromArgs.put(key, value);
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            settings.putAll(readFile(Path.of(configFile), problems));
        }
        settings.putAll(fromArgs);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return settings;
    }

    private static Map<String, String> readFile(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add("config: cannot read '" + file + "': " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
        return settings;
    }
}
