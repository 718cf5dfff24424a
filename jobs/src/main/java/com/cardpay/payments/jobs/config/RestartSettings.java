package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_BACKOFF_MULTIPLIER;
import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_INITIAL_BACKOFF;
import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_JITTER;
import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_MAX_ATTEMPTS;
import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_MAX_BACKOFF;
import static com.cardpay.payments.jobs.config.ConfigKey.RESTART_RESET_BACKOFF_AFTER;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * Flink's exponential-delay restart strategy, with its limits: the first and the longest backoff,
 * how fast it grows, its jitter, when it starts over, and how many restarts in a row are allowed.
 */
public record RestartSettings(
        Duration initialBackoff,
        Duration maxBackoff,
        double backoffMultiplier,
        double jitter,
        Duration resetBackoffAfter,
        int maxAttempts) implements Serializable {

    /** {@link #maxAttempts()} when {@code restart.max-attempts} is {@code unlimited}. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    static RestartSettings from(ConfigValues v) {
        Duration initial = v.duration(RESTART_INITIAL_BACKOFF);
        Duration max = v.duration(RESTART_MAX_BACKOFF);
        Duration resetAfter = v.duration(RESTART_RESET_BACKOFF_AFTER);
        if (max.compareTo(initial) < 0) {
            v.problem(RESTART_MAX_BACKOFF, "must be at least restart.initial-backoff (" + initial + ")");
        }
        // Otherwise the backoff would start over between two restarts of one outage.
        if (resetAfter.compareTo(max) <= 0) {
            v.problem(RESTART_RESET_BACKOFF_AFTER, "must be longer than restart.max-backoff (" + max + "), got " + resetAfter);
        }
        return new RestartSettings(initial, max, v.decimal(RESTART_BACKOFF_MULTIPLIER, 1.0, 10.0),
                v.decimal(RESTART_JITTER, 0.0, 1.0), resetAfter, maxAttempts(v));
    }

    private static int maxAttempts(ConfigValues v) {
        String value = v.string(RESTART_MAX_ATTEMPTS);
        if (value.toLowerCase(Locale.ROOT).equals("unlimited")) {
            return UNLIMITED;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        v.problem(RESTART_MAX_ATTEMPTS, "must be unlimited or a positive whole number, got '" + value + "'");
        return UNLIMITED;
    }
}
