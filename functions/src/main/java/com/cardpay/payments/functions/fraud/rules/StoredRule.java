package com.cardpay.payments.functions.fraud.rules;

import java.util.Objects;

/**
 * An accepted rule as Flink state holds it: a flat record (no polymorphic condition tree, so no
 * Kryo), compiled again with {@link RuleParser#parse(StoredRule)} on restore.
 *
 * @param json the rule's canonical JSON ({@link FraudRule#canonicalJson()})
 */
public record StoredRule(String id, int version, String json) {
    public StoredRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
    }
}
