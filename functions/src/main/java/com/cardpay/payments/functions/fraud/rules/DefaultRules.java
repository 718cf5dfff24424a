package com.cardpay.payments.functions.fraud.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule set shipped with the job ({@value #RESOURCE} on the classpath: a JSON array of rules in
 * the language of {@link RuleParser}), put in force when the job starts without state. Rules on
 * {@code payments.fraud-rules} with the same id replace them; they need version 2 or higher.
 */
public final class DefaultRules {
    /** The classpath resource. */
    public static final String RESOURCE = "/fraud/default-rules.json";

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private static List<FraudRule> loaded;

    private DefaultRules() {}

    /**
     * The default rules, in file order.
     *
     * @throws IllegalStateException if the resource is missing or a rule in it is rejected: a
     *     defect of the build, which {@code DefaultRulesTest} catches first
     */
    public static synchronized List<FraudRule> load() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    private static List<FraudRule> read() {
        JsonNode array;
        try (InputStream in = DefaultRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            array = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalStateException(RESOURCE + " must hold a JSON array of rules");
        }
        RuleParser parser = new RuleParser();
        List<FraudRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            FraudRule rule;
            try {
                rule = parser.compile(array.get(i));
            } catch (RuleRejectedException e) {
                throw new IllegalStateException(RESOURCE + " rule [" + i + "]"
                        + (e.ruleId() == null ? "" : " (" + e.ruleId() + ")") + " is rejected: " + e.getMessage(), e);
            }
            if (!ids.add(rule.id())) {
                throw new IllegalStateException(RESOURCE + " has the rule id " + rule.id() + " twice");
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }
}
