package com.cardpay.payments.connectors.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Either;
import org.apache.flink.util.Preconditions;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;

/**
 * Writes a stream of two record kinds through one sink, each kind by its own topic's serializer:
 * the sink's single transaction then covers both topics, so they commit or abort together (one
 * payment's tokenized record and its vault record, for example).
 */
public final class EitherTopicSerializer<L, R> implements KafkaRecordSerializationSchema<Either<L, R>> {
    private static final long serialVersionUID = 1L;

    private final KafkaRecordSerializationSchema<L> left;
    private final KafkaRecordSerializationSchema<R> right;

    public EitherTopicSerializer(KafkaRecordSerializationSchema<L> left, KafkaRecordSerializationSchema<R> right) {
        this.left = Preconditions.checkNotNull(left, "left serializer");
        this.right = Preconditions.checkNotNull(right, "right serializer");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        left.open(context, sinkContext);
        right.open(context, sinkContext);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Either<L, R> element, KafkaSinkContext context, @Nullable Long timestamp) {
        return element.isLeft()
                ? left.serialize(element.left(), context, timestamp)
                : right.serialize(element.right(), context, timestamp);
    }
}
