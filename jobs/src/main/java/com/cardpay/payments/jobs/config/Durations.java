package com.cardpay.payments.jobs.config;

import javax.annotation.Nullable;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written here, in configuration, the local runner's flags and the
 * benchmark's options alike: a whole number and a unit, {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h} or {@code 7d}.
 */
public final class Durations {
    /** What every error message shows. */
    public static final String EXAMPLES = "500ms, 30s, 10m, 2h or 7d";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Durations() {}

    /** The duration, or null if the text is not one. */
    @Nullable
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
