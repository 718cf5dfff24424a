package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.local.SyntheticPayments;
import com.cardpay.payments.local.SyntheticPayments.Generated;
import com.cardpay.payments.local.SyntheticPayments.Kind;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Preloads the throughput backlog: N synthetic payments (the configured malformed, replay and late
 * shares) written to one topic before any job starts. Both variants read the same backlog.
 */
final class Backlog {
    /** What was written, by kind. */
    record Loaded(long records, Map<Kind, Long> kinds, long bytes, double seconds) {}

    private Backlog() {}

    /**
     * @param withTraceparent whether each record carries a (sampled) traceparent header, as callers' records do
     * @param population the cards and merchants paying (null: the generator's default)
     */
    static Loaded preload(String bootstrap, String topic, long records, Mix mix, long seed, boolean withTraceparent,
            Population population,
            LongConsumer progress) throws Exception {
        // The whole backlog lies in the past: the job rejects event times ahead of its clock.
        SyntheticPayments payments = new SyntheticPayments(seed, mix.malformed(), mix.duplicate(), mix.late(),
                SyntheticPayments.startOfBacklogEndingAt(Instant.now(), records));
        if (population != null) {
            payments.withPopulation(population.cards(), population.merchants(), population.hotMerchantShare());
        }
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (long i = 0; i < records; i++) {
                Generated g = payments.next();
                kinds.merge(g.kind(), 1L, Long::sum);
                bytes += g.value().length;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                if (withTraceparent) {
                    record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if ((i + 1) % 100_000 == 0) {
                    progress.accept(i + 1);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preloading " + topic + " failed", failure.get());
        }
        return new Loaded(records, kinds, bytes, (System.nanoTime() - start) / 1e9);
    }

    /** The shares of the generated mix. */
    record Mix(double malformed, double duplicate, double late) {}
}
