package com.cardpay.payments.connectors.contracts.tokenized;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.model.TokenizedPayment;

/**
 * The {@code payments.tokenized} contract: validated payments without card data, one record per
 * unique payment, keyed by {@code merchant_id}, carrying the source record's headers. Written by
 * {@link TokenizedJson}, read by {@link TokenizedReader}.
 */
public final class TokenizedTopic {
    /** The default topic name ({@code topics.tokenized}). */
    public static final String NAME = "payments.tokenized";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.tokenized.schema.json";
    /** Written into every record as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private TokenizedTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<TokenizedPayment> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, TokenizedPayment::merchantId, TokenizedJson::write, TokenizedPayment::headers);
    }
}
