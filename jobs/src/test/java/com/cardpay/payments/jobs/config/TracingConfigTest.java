package com.cardpay.payments.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.tracing.TracingSettings;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

class TracingConfigTest {

    private static Map<String, String> local(String... keyValues) {
        Map<String, String> s = new HashMap<>();
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        for (int i = 0; i < keyValues.length; i += 2) {
            s.put(keyValues[i], keyValues[i + 1]);
        }
        return s;
    }

    private static String rejected(Map<String, String> settings) {
        try {
            PaymentsConfig.from(settings);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("config was accepted: " + settings);
    }

    @Test
    void tracingIsOffByDefault() {
        TracingSettings tracing = PaymentsConfig.from(local()).tracing();

        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.sampleRatio()).isEqualTo(0.01);
        assertThat(tracing.queueSize()).isEqualTo(8192);
    }

    @Test
    void anOtlpHttpEndpointTurnsItOnAndTravelsAsJobParameters() {
        TracingSettings tracing = PaymentsConfig.from(local("tracing.otlp-endpoint", "http://collector:4318/v1/traces",
                "tracing.sample-ratio", "1", "tracing.queue-size", "100")).tracing();

        assertThat(tracing.enabled()).isTrue();
        assertThat(TracingSettings.fromJobParameters(tracing.toJobParameters())).isEqualTo(tracing);
    }

    @Test
    void eachBadValueIsRefusedNamingItsKey() {
        assertThat(rejected(local("tracing.otlp-endpoint", "collector:4318"))).contains("tracing.otlp-endpoint: must be empty");
        assertThat(rejected(local("tracing.otlp-endpoint", "https://user:secret@collector/v1/traces")))
                .contains("tracing.otlp-endpoint:").doesNotContain("secret");
        assertThat(rejected(local("tracing.sample-ratio", "1.5"))).contains("tracing.sample-ratio: must be a number from 0.0 to 1.0");
        assertThat(rejected(local("tracing.sample-ratio", "all"))).contains("tracing.sample-ratio:");
        assertThat(rejected(local("tracing.queue-size", "0"))).contains("tracing.queue-size: must be a positive");
        assertThat(rejected(local("tracing.queue-size", "2000000"))).contains("tracing.queue-size: must be at most 1000000");
    }
}
