package com.cardpay.payments.connectors.contracts.settlements;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.settlement.Settlement;

/**
 * The {@code payments.settlements} contract: one record per revision of a settlement line, keyed
 * by {@code merchant_id}. A line aggregates many payments, so it carries no source headers.
 * Written by {@link SettlementJson}, read by {@link SettlementReader} (the reconciliation tool).
 */
public final class SettlementsTopic {
    /** The default topic name ({@code topics.settlements}). */
    public static final String NAME = "payments.settlements";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.settlements.schema.json";

    private SettlementsTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<Settlement> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, Settlement::merchantId, SettlementJson::settlement, s -> MessageHeaders.EMPTY);
    }
}
