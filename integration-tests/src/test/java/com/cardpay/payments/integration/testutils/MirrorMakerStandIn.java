package com.cardpay.payments.integration.testutils;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.types.Struct;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.mirror.OffsetSync;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What MirrorMaker 2 does between two regions, reduced to what the region-start tool depends on:
 * it copies a topic's committed records partition by partition in order (so offsets differ wherever
 * the source had transaction markers), and writes offset syncs in MirrorMaker 2's record format
 * (its own {@link OffsetSync} schemas) for the first record of each partition and every
 * {@code syncEvery}-th after, as {@code offset.lag.max} makes it do.
 */
public final class MirrorMakerStandIn {
    private MirrorMakerStandIn() {}

    /**
     * Copies {@code topic} and writes its offset syncs to {@code offsetSyncsTopic} in the target.
     *
     * @return per partition, the target offset of each copied source offset
     */
    public static Map<TopicPartition, Map<Long, Long>> mirror(String sourceBootstrap, String targetBootstrap, String topic,
            String offsetSyncsTopic, int syncEvery) throws Exception {
        Map<TopicPartition, Map<Long, Long>> copied = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(targetBootstrap)) {
            for (ConsumerRecord<byte[], byte[]> r : committed(sourceBootstrap, topic)) {
                long target = producer.send(new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value(),
                        r.headers())).get().offset();
                Map<Long, Long> partition = copied.computeIfAbsent(new TopicPartition(topic, r.partition()), p -> new HashMap<>());
                if (offsetSyncsTopic != null && partition.size() % syncEvery == 0) {
                    producer.send(offsetSync(offsetSyncsTopic, new TopicPartition(topic, r.partition()), r.offset(), target)).get();
                }
                partition.put(r.offset(), target);
            }
        }
        return copied;
    }

    /** Copies {@code topic}'s committed records, without offset syncs (an output topic, mirrored for downstream). */
    public static void copy(String sourceBootstrap, String targetBootstrap, String topic) throws Exception {
        mirror(sourceBootstrap, targetBootstrap, topic, null, 1);
    }

    private static ProducerRecord<byte[], byte[]> offsetSync(String topic, TopicPartition partition, long upstream, long downstream) {
        Struct key = new Struct(OffsetSync.KEY_SCHEMA).set(OffsetSync.TOPIC_KEY, partition.topic())
                .set(OffsetSync.PARTITION_KEY, partition.partition());
        Struct value = new Struct(OffsetSync.VALUE_SCHEMA).set(OffsetSync.UPSTREAM_OFFSET_KEY, upstream)
                .set(OffsetSync.DOWNSTREAM_OFFSET_KEY, downstream);
        ByteBuffer keyBytes = ByteBuffer.allocate(OffsetSync.KEY_SCHEMA.sizeOf(key));
        OffsetSync.KEY_SCHEMA.write(keyBytes, key);
        ByteBuffer valueBytes = ByteBuffer.allocate(OffsetSync.VALUE_SCHEMA.sizeOf(value));
        OffsetSync.VALUE_SCHEMA.write(valueBytes, value);
        return new ProducerRecord<>(topic, 0, keyBytes.array(), valueBytes.array());
    }

    private static List<ConsumerRecord<byte[], byte[]>> committed(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            return KafkaTestSupport.readToEnd(consumer, topic);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
