package com.cardpay.payments.connectors.contracts.vault;

import com.cardpay.payments.connectors.kafka.PaymentTopicSerializer;
import com.cardpay.payments.functions.model.VaultRecord;

/**
 * The {@code payments.vault} contract (restricted): the envelope-encrypted card behind each token,
 * keyed by {@code card_token} so that compaction keeps one entry per card. Written by
 * {@link VaultJson}, read by {@link VaultReader} (the detokenize tool).
 */
public final class VaultTopic {
    /** The default topic name ({@code topics.vault}). */
    public static final String NAME = "payments.vault";
    /** The JSON Schema, on the classpath. */
    public static final String SCHEMA = "schemas/payments.vault.schema.json";
    /** Written into every record as {@code schema_version}. */
    public static final int SCHEMA_VERSION = 1;

    private VaultTopic() {}

    /** What the job's sink writes to {@code topic}. */
    public static PaymentTopicSerializer<VaultRecord> serializer(String topic) {
        return PaymentTopicSerializer.of(topic, VaultRecord::cardToken, VaultJson::write, VaultRecord::headers);
    }
}
