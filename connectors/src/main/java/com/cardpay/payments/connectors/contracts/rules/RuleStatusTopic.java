package com.cardpay.payments.connectors.contracts.rules;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.model.MessageHeaders;

/**
 * The {@code payments.fraud-rules.status} contract: what became of every rule update, and of every
 * stored rule skipped on restore, keyed by rule id. Written by {@link RuleStatusJson}, read by
 * {@link RuleStatusReader}.
 */
public final class RuleStatusTopic {
    /** The default topic name ({@code topics.fraud-rules-status}). */
    public static final String NAME = "payments.fraud-rules.status";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.fraud-rules.status.schema.json";
    /** Written into every record as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private RuleStatusTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<RuleStatus> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, RuleStatus::ruleId, RuleStatusJson::write, s -> MessageHeaders.EMPTY);
    }
}
