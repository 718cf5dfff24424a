package com.cardpay.payments.tools.common;

import com.cardpay.payments.jobs.config.PaymentsConfig;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a whole topic as a {@code read_committed} consumer sees it, from the beginning to the end
 * offsets of the moment it starts, without a consumer group (nothing is committed, no rebalance).
 * For the operator tools: aborted and still-open transactions are never seen.
 */
public final class CommittedTopic {
    private CommittedTopic() {}

    /**
     * Calls {@code each} for every committed record of {@code topic}, partition by partition in
     * offset order.
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static void forEach(PaymentsConfig config, String topic, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<String, Object> props = new HashMap<>(config.kafkaTls().clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // under read_committed these are the last stable offsets: open transactions end the read
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("did not reach the end of " + topic + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
            }
        }
    }
}
