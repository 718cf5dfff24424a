package com.cardpay.payments.jobs.config;

import java.util.HashMap;
import java.util.Map;

/** What the config tests start from: settings that are valid on their own, and a way to see them refused. */
final class ConfigSamples {
    private ConfigSamples() {}

    /** The defaults with local keys (so development.allow-insecure): a valid config. */
    static Map<String, String> local() {
        Map<String, String> s = new HashMap<>();
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        return s;
    }

    /** The refusal of {@code settings}; fails the test if they are accepted. */
    static ConfigException rejected(Map<String, String> settings) {
        try {
            PaymentsConfig.from(settings);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("config was accepted: " + settings);
    }
}
