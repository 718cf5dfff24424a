package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.TRACING_OTLP_ENDPOINT;
import static com.cardpay.payments.jobs.config.ConfigKey.TRACING_QUEUE_SIZE;
import static com.cardpay.payments.jobs.config.ConfigKey.TRACING_SAMPLE_RATIO;

import com.cardpay.payments.functions.tracing.TracingSettings;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads and checks the {@code tracing.*} keys (README "Traces"); each problem names its key. */
final class TracingConfig {
    // Each queued span holds about 1 KB: a million is about a gigabyte of task manager heap.
    static final int MAX_QUEUE_SIZE = 1_000_000;

    private TracingConfig() {}

    static TracingSettings from(ConfigValues v) {
        String endpoint = v.optionalString(TRACING_OTLP_ENDPOINT);
        double ratio = v.decimal(TRACING_SAMPLE_RATIO, 0.0, 1.0);
        int queueSize = v.positiveInt(TRACING_QUEUE_SIZE);
        if (queueSize > MAX_QUEUE_SIZE) {
            v.problem(TRACING_QUEUE_SIZE, "must be at most " + MAX_QUEUE_SIZE + " (about 1 KB of heap per span), got " + queueSize);
        }
        if (endpoint == null) {
            return new TracingSettings("", ratio, queueSize);
        }
        checkEndpoint(v, endpoint);
        return new TracingSettings(endpoint, ratio, queueSize);
    }

    private static void checkEndpoint(ConfigValues v, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null
                    && uri.getQuery() == null) {
                return;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        v.problem(TRACING_OTLP_ENDPOINT, "must be empty (tracing off) or an OTLP/HTTP traces URL such as "
                + "http://collector:4318/v1/traces, without user info or query, got " + ConfigValues.shown(endpoint));
    }
}
