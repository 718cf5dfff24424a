package com.cardpay.payments.jobs.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of raw key/value settings. Each failed read records a problem that names the key
 * and says what is wrong, so that all problems are reported at once.
 */
final class ConfigValues {

    private final Map<String, String> raw;
    private final List<String> problems = new ArrayList<>();

    ConfigValues(Map<String, String> raw) {
        this.raw = raw;
    }

    List<String> problems() {
        return problems;
    }

    void problem(ConfigKey key, String what) {
        problems.add(key.key() + ": " + what);
    }

    /**
     * A refused value as a problem may quote it: in full, unless it holds an '@', which in a URL
     * means credentials. Java finds no user info where the authority does not parse (a secret key
     * with a '/', a host with a '_'), so the '@' itself decides.
     */
    static String shown(Object value) {
        String text = String.valueOf(value);
        return text.indexOf('@') < 0 ? "'" + text + "'" : "(not shown: it holds an '@', as credentials in a URL would)";
    }

    String string(ConfigKey key) {
        String value = raw.getOrDefault(key.key(), key.defaultValue()).trim();
        if (value.isEmpty()) {
            problem(key, "must not be empty");
        }
        return value;
    }

    /** A value that may be empty; null then. */
    /** A name that goes into ids (job name, environment): letters, digits, '-' and '_', at most 100. */
    String name(ConfigKey key) {
        String value = string(key);
        if (!value.isEmpty() && !value.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,99}")) {
            problem(key, "must be letters, digits, '-' and '_' (at most 100, starting with a letter or digit), got '" + value + "'");
        }
        return value;
    }

    String optionalString(ConfigKey key) {
        String value = raw.getOrDefault(key.key(), key.defaultValue()).trim();
        return value.isEmpty() ? null : value;
    }

    long positiveLong(ConfigKey key) {
        String value = string(key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, "must be a positive whole number, got '" + value + "'");
        return 1;
    }

    int positiveInt(ConfigKey key) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, "must be a positive whole number, got '" + value + "'");
        return 1;
    }

    /** Whether the key was given (in the file or as an argument), rather than left at its default. */
    boolean isSet(ConfigKey key) {
        return raw.containsKey(key.key());
    }

    int nonNegativeInt(ConfigKey key) {
        String value = string(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, "must be a whole number, 0 or more, got '" + value + "'");
        return 0;
    }

    /** A decimal number within [min, max]. */
    double decimal(ConfigKey key, double min, double max) {
        String value = string(key);
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(key, "must be a number from " + min + " to " + max + ", got '" + value + "'");
        return min;
    }

    boolean bool(ConfigKey key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problem(key, "must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    Duration duration(ConfigKey key) {
        Duration d = nonNegativeDuration(key);
        if (d.isZero()) {
            problem(key, "must be longer than zero");
            return Duration.ofSeconds(1);
        }
        return d;
    }

    /** A duration that may be zero. */
    Duration nonNegativeDuration(ConfigKey key) {
        String value = string(key);
        Duration d = Durations.parse(value);
        if (d == null) {
            problem(key, "must be a duration such as " + Durations.EXAMPLES + ", got '" + value + "'");
            return Duration.ofSeconds(1);
        }
        return d;
    }

    <E extends Enum<E>> E choice(ConfigKey key, Class<E> type) {
        String value = string(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(key, "must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        return type.getEnumConstants()[0];
    }

    URI uri(ConfigKey key) {
        String value = string(key);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        problem(key, "must be a URI with a scheme such as file:///path or s3://bucket/path, got " + shown(value));
        return URI.create("file:///invalid");
    }
}
