package com.cardpay.payments.benchmarks.harness;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A downstream {@code read_committed} consumer of one output topic: for each record it sees, the
 * latency is the moment {@code poll()} returned it minus the send time in its {@link SentAtHeader}.
 * It reads all partitions by assignment (no group, so no rebalance delay), from the beginning.
 * Only records whose send time lies in the measured window are kept as samples.
 */
final class LatencyProbe extends Thread {
    private final String bootstrap;
    private final String topic;
    private volatile boolean running = true;
    private volatile long windowFrom = Long.MAX_VALUE;
    private volatile long windowUntil = Long.MAX_VALUE;
    private volatile long firstSeenNanos = Long.MIN_VALUE;
    private volatile long seen;
    private long[] samples = new long[1 << 16];
    private int count;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    LatencyProbe(String bootstrap, String topic) {
        super("bench-latency-probe");
        setDaemon(true);
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    void window(long fromNanos, long untilNanos) {
        windowFrom = fromNanos;
        windowUntil = untilNanos;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A fetch waits for data at most this long: bounds the probe's own delay.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Header header = r.headers().lastHeader(SentAtHeader.NAME);
                    long sentAt = header == null ? Long.MIN_VALUE : SentAtHeader.decode(header.value());
                    if (sentAt == Long.MIN_VALUE) {
                        continue;
                    }
                    if (firstSeenNanos == Long.MIN_VALUE) {
                        firstSeenNanos = now;
                    }
                    seen++;
                    if (sentAt >= windowFrom && sentAt < windowUntil) {
                        record(now - sentAt);
                    }
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private synchronized void record(long latencyNanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = latencyNanos;
    }

    synchronized int samples() {
        return count;
    }

    synchronized Percentiles percentiles() {
        return Percentiles.ofNanos(samples, count);
    }

    /** When the first stamped output record was seen, or {@link Long#MIN_VALUE}. */
    long firstSeenNanos() {
        return firstSeenNanos;
    }

    long seen() {
        return seen;
    }

    void shutdown() throws InterruptedException {
        running = false;
        join(10_000);
    }

    Exception failure() {
        return failure.get();
    }
}
