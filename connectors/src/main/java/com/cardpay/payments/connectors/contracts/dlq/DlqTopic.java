package com.cardpay.payments.connectors.contracts.dlq;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.model.DeadLetter;

/**
 * The {@code payments.dlq} contract: every record the job refused or could not settle, with its
 * code, keyed by {@code merchant_id} when it was valid (else unkeyed), carrying the source
 * record's headers. Dead letters are built in one place, {@code functions}' {@code DeadLetters};
 * written by {@link DeadLetterJson}, read by {@link DeadLetterReader} (the reconciliation tool).
 */
public final class DlqTopic {
    /** The default topic name ({@code topics.dlq}). */
    public static final String NAME = "payments.dlq";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.dlq.schema.json";
    /** Written into every record as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private DlqTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<DeadLetter> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, DeadLetter::merchantId, DeadLetterJson::write, DeadLetter::headers);
    }
}
