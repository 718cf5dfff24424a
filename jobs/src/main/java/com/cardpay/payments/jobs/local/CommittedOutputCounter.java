package com.cardpay.payments.jobs.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
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
                ConsumerConfig.GROUP_ID_CONFIG, "local-run-committed-counter-" + System.nanoTime(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(topics);
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
