package com.cardpay.payments.integration.faults;

import com.cardpay.payments.connectors.contracts.UnreadableRecordException;
import com.cardpay.payments.connectors.contracts.tokenized.TokenizedReader;
import com.cardpay.payments.functions.model.SourcePosition;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows {@code payments.tokenized} as a downstream {@code read_committed} consumer does, on its
 * own thread: how many records are committed, and how far into each input partition the committed
 * output reaches (each tokenized record carries its source offset). Output has <em>resumed</em>
 * after a fault once a payment read after everything committed before the fault becomes visible:
 * a commit of work done before the fault does not count.
 */
public final class OutputTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private final Map<Integer, Long> reach = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /** Where committed output reached at one moment. */
    public record Mark(long count, Map<Integer, Long> reach) {}

    public OutputTail(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "output-tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    SourcePosition source = TokenizedReader.read(r.value()).source();
                    reach.merge(source.partition(), source.offset(), Math::max);
                    count.incrementAndGet();
                }
            }
        } catch (UnreadableRecordException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            consumer.close();
        }
    }

    /** Records committed so far. */
    public long count() {
        check();
        return count.get();
    }

    public Mark mark() {
        check();
        return new Mark(count.get(), Map.copyOf(reach));
    }

    /** True once committed output reaches, in some input partition, past {@code mark}. */
    public boolean beyond(Mark mark) {
        check();
        return reach.entrySet().stream().anyMatch(e -> e.getValue() > mark.reach().getOrDefault(e.getKey(), -1L));
    }

    private void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("the output tail stopped", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
