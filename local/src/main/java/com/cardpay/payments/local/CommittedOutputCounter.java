package com.cardpay.payments.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts what a downstream {@code read_committed} consumer of the output topics sees: the proof,
 * while the local run goes, that exactly-once output is being committed.
 */
final class CommittedOutputCounter implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    CommittedOutputCounter(String bootstrap, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // Partitions assigned directly, no consumer group: joining a group on a fresh broker (which
        // first creates __consumer_offsets), one short poll every 5 s, took about 30 s, and the
        // progress lines showed 0 committed all that time.
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        topics.forEach(t -> counts.put(t, 0L));
    }

    /** Polls what has been committed since the last call; returns the totals per topic. */
    Map<String, Long> poll() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int polled;
        do {
            polled = 0;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                counts.merge(r.topic(), 1L, Long::sum);
                polled++;
            }
        } while (polled > 0 && System.nanoTime() < deadline);
        return new LinkedHashMap<>(counts);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
