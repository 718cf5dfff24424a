package com.cardpay.payments.connectors.contracts.rules;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.model.MessageHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The {@code payments.fraud-rules} contract (input, compacted): key = rule id, value = one rule as
 * JSON, or no value to delete it. It has no JSON Schema: a rule is checked by the rule parser in the
 * scoring operator, against the rule language ({@code docs/fraud-rules.md}), so that a bad rule
 * becomes a {@link RuleStatusTopic} record instead of a failed source. Read by
 * {@link FraudRuleDeserializer}; {@link #serializer} writes what it reads, for tools and tests.
 */
public final class FraudRulesTopic {
    /** The default topic name ({@code topics.fraud-rules}). */
    public static final String NAME = "payments.fraud-rules";
    /** Where the rules' language is defined, in place of a JSON Schema. */
    public static final String LANGUAGE = "docs/fraud-rules.md";

    private FraudRulesTopic() {}

    /** What the job's rules source reads. */
    public static FraudRuleDeserializer deserializer() {
        return new FraudRuleDeserializer();
    }

    /** Writes a rule update to {@code topic}: the rule's JSON as UTF-8, keyed by rule id; no JSON is a deletion. */
    public static PaymentTopicSerializer<RuleUpdate> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, RuleUpdate::key,
                u -> u.json() == null ? null : u.json().getBytes(StandardCharsets.UTF_8), u -> MessageHeaders.EMPTY);
    }
}
