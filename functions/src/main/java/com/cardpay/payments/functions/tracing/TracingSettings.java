package com.cardpay.payments.functions.tracing;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Where spans go and how many: the job's {@code tracing.*} keys, validated by the job's config
 * (each error names its key). The job hands them to every operator through Flink's global job
 * parameters ({@link #toJobParameters}), so an operator opens its spans with one line and no
 * constructor change.
 *
 * @param otlpEndpoint OTLP/HTTP traces URL ({@code http(s)://host:4318/v1/traces}); empty: tracing off
 * @param sampleRatio share of payments without a valid {@code traceparent} that are traced (0 to 1);
 *     a caller's sampled flag always wins
 * @param queueSize spans held for export per task manager; beyond it new spans are dropped and counted
 */
public record TracingSettings(String otlpEndpoint, double sampleRatio, int queueSize) implements Serializable {
    public static final String ENDPOINT_KEY = "tracing.otlp-endpoint";
    public static final String SAMPLE_RATIO_KEY = "tracing.sample-ratio";
    public static final String QUEUE_SIZE_KEY = "tracing.queue-size";
    public static final TracingSettings OFF = new TracingSettings("", 0.0, 1);

    public boolean enabled() {
        return !otlpEndpoint.isEmpty();
    }

    public Map<String, String> toJobParameters() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(ENDPOINT_KEY, otlpEndpoint);
        parameters.put(SAMPLE_RATIO_KEY, Double.toString(sampleRatio));
        parameters.put(QUEUE_SIZE_KEY, Integer.toString(queueSize));
        return parameters;
    }

    /** The settings {@link #toJobParameters} wrote; {@link #OFF} where there are none (unit-test harnesses). */
    public static TracingSettings fromJobParameters(Map<String, String> parameters) {
        String endpoint = parameters.getOrDefault(ENDPOINT_KEY, "");
        if (endpoint.isEmpty()) {
            return OFF;
        }
        return new TracingSettings(endpoint, Double.parseDouble(parameters.get(SAMPLE_RATIO_KEY)),
                Integer.parseInt(parameters.get(QUEUE_SIZE_KEY)));
    }
}
