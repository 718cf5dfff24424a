package com.cardpay.payments.connectors.kafka;

import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.model.DeadLetter;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.settlement.Settlement;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * Serializes one output type to its topic: the contract's key, the JSON value, and the source
 * record's headers ({@code traceparent} included), unchanged.
 */
public final class PaymentTopicSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, byte[]> value;
    private final SerializableFunction<T, MessageHeaders> headers;

    private PaymentTopicSerializer(String topic, SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value, SerializableFunction<T, MessageHeaders> headers) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    /** {@code payments.tokenized}: keyed by merchant. */
    public static PaymentTopicSerializer<TokenizedPayment> tokenized(String topic) {
        return new PaymentTopicSerializer<>(topic, TokenizedPayment::merchantId, OutputJson::tokenized, TokenizedPayment::headers);
    }

    /** {@code payments.vault}: keyed by card token, so compaction keeps one entry per card. */
    public static PaymentTopicSerializer<VaultRecord> vault(String topic) {
        return new PaymentTopicSerializer<>(topic, VaultRecord::cardToken, OutputJson::vault, VaultRecord::headers);
    }

    /** {@code payments.scored}: keyed by merchant. */
    public static PaymentTopicSerializer<ScoredPayment> scored(String topic) {
        return new PaymentTopicSerializer<>(topic, s -> s.payment().merchantId(), OutputJson::scored, s -> s.payment().headers());
    }

    /** {@code payments.fraud-rules.status}: keyed by rule id. */
    public static PaymentTopicSerializer<RuleStatus> ruleStatus(String topic) {
        return new PaymentTopicSerializer<>(topic, RuleStatus::ruleId, OutputJson::ruleStatus, s -> MessageHeaders.EMPTY);
    }

    /**
     * {@code payments.settlements}: keyed by merchant. A line aggregates many payments, so it carries
     * no source headers.
     */
    public static PaymentTopicSerializer<Settlement> settlements(String topic) {
        return new PaymentTopicSerializer<>(topic, Settlement::merchantId, SettlementJson::settlement, s -> MessageHeaders.EMPTY);
    }

    /** {@code payments.dlq}: keyed by merchant when it is known, else unkeyed. */
    public static PaymentTopicSerializer<DeadLetter> deadLetters(String topic) {
        return new PaymentTopicSerializer<>(topic, DeadLetter::merchantId, OutputJson::deadLetter, DeadLetter::headers);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, @Nullable Long timestamp) {
        String k = key.apply(element);
        // No event-time record timestamp: brokers reject timestamps too far in the future
        // (log.message.timestamp.after.max.ms), and one odd event_time must not become a poison
        // pill for a transactional sink. Consumers read event_time from the value.
        return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                value.apply(element), KafkaHeaderMapping.toKafka(headers.apply(element)));
    }
}
