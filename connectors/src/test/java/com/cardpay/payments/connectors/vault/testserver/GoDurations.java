package com.cardpay.payments.connectors.vault.testserver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations the way Vault (in Go) reads and prints them: {@code 3600}, {@code "1h30m"}, {@code "1h0m0s"}. */
final class GoDurations {
    private GoDurations() {}

    /** A renewal's {@code increment}: seconds as a number or digits, or a Go duration string. */
    static Duration parseIncrement(Object raw) throws VaultError {
        if (raw == null) {
            return Duration.ZERO;
        }
        if (raw instanceof Number n) {
            return Duration.ofSeconds(Math.max(0, n.longValue()));
        }
        String s = raw.toString().trim();
        if (s.isEmpty()) {
            return Duration.ZERO;
        }
        if (s.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long v = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            });
            end = m.end();
        }
        if (end != s.length() || end == 0) {
            throw new VaultError(400, "error converting input " + s + " for field \"increment\"");
        }
        return total;
    }

    /** Vault's warning when a requested TTL is cut down to the max TTL. */
    static String cappedWarning(Duration ttl, Duration maxTtl) {
        return "TTL of \"" + format(ttl) + "\" exceeded the effective max_ttl of \""
                + format(maxTtl) + "\"; TTL value is capped accordingly";
    }

    /** Go's time.Duration.String() for whole seconds, as Vault's warnings print TTLs. */
    static String format(Duration d) {
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        if (m > 0) {
            return m + "m" + s + "s";
        }
        return s + "s";
    }
}
