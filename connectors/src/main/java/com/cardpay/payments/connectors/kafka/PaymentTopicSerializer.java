package com.cardpay.payments.connectors.kafka;

import com.cardpay.payments.functions.model.MessageHeaders;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * Serializes one output type to its topic: the contract's key, the JSON value, and the source
 * record's headers ({@code traceparent} included), unchanged. Each topic's is built by its contract
 * ({@code contracts.<topic>.<Topic>.serializer}).
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

    /**
     * A topic's serializer: {@code key} and {@code value} are the contract's (see
     * {@code contracts.<topic>}); {@code headers} those the record carries.
     */
    public static <T> PaymentTopicSerializer<T> of(String topic, SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> value, SerializableFunction<T, MessageHeaders> headers) {
        return new PaymentTopicSerializer<>(topic, key, value, headers);
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
