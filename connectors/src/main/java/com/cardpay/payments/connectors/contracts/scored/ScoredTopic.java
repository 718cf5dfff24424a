package com.cardpay.payments.connectors.contracts.scored;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.fraud.ScoredPayment;

/**
 * The {@code payments.scored} contract: every unique payment with its fraud score, decision,
 * reasons and features, keyed by {@code merchant_id}, carrying the source record's headers.
 * Written by {@link ScoredJson}, read by {@link ScoredReader} (the reconciliation tool).
 */
public final class ScoredTopic {
    /** The default topic name ({@code topics.scored}). */
    public static final String NAME = "payments.scored";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.scored.schema.json";
    /**
     * Written into every record as {@code schema_version}. Optional fields added within version 1,
     * which consumers that do not know them ignore: {@code merchant_features_unavailable} (the
     * merchant features are neutral defaults after a failed calculation; flink-k8s/DEGRADATION.md).
     */
    public static final int SCHEMA_VERSION = 1;

    private ScoredTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<ScoredPayment> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, s -> s.payment().merchantId(), ScoredJson::write, s -> s.payment().headers());
    }
}
