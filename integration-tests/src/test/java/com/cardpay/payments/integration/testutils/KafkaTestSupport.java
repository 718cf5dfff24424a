package com.cardpay.payments.integration.testutils;

import com.cardpay.payments.local.SyntheticPayments;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Producing test input to, and reading committed output from, the real test broker. */
public final class KafkaTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTestSupport() {}

    public static void produce(String bootstrap, String topic, List<SyntheticPayments.Generated> records) {
        produce(bootstrap, topic, records, Map.of());
    }

    /** As {@link #produce(String, String, List)}, with extra client settings (TLS, for example). */
    public static void produce(String bootstrap, String topic, List<SyntheticPayments.Generated> records,
            Map<String, ?> clientProperties) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(with(clientProperties, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            for (SyntheticPayments.Generated g : records) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, g.key(), g.value());
                record.headers().add("traceparent", g.traceparent().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Writes the records in a producer transaction and aborts it: read_committed readers must never see them. */
    public static void produceAndAbort(String bootstrap, String topic, List<SyntheticPayments.Generated> records) {
        produceAndAbort(bootstrap, topic, records, Map.of());
    }

    /** As {@link #produceAndAbort(String, String, List)}, with extra client settings (TLS, for example). */
    public static void produceAndAbort(String bootstrap, String topic, List<SyntheticPayments.Generated> records,
            Map<String, ?> clientProperties) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(with(clientProperties, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-upstream-" + topic,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (SyntheticPayments.Generated g : records) {
                producer.send(new ProducerRecord<>(topic, g.key(), g.value()));
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    /**
     * Everything committed in {@code topic} right now, read with {@code read_committed}: open
     * transactions hold the read back, aborted ones are skipped.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic, Map.of());
    }

    /** As {@link #readCommitted(String, String)}, with extra client settings (TLS, for example). */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic,
            Map<String, ?> clientProperties) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(with(clientProperties, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            return readToEnd(consumer, topic);
        }
    }

    /**
     * Every record of {@code topic} from the beginning up to the end offsets as the consumer's
     * isolation level sees them (the last stable offset under read_committed).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end within 60 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** The extra client settings, then the helper's own (which win). */
    private static Map<String, Object> with(Map<String, ?> extra, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(extra);
        config.putAll(own);
        return config;
    }

    /** Waits until at least {@code atLeast} records are committed to {@code topic}. */
    public static void awaitCommitted(String bootstrap, String topic, long atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = readCommitted(bootstrap, topic).size();
            if (seen >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + seen + " of " + atLeast + " records committed to " + topic + " within " + timeout);
    }

    /** A top-level field of the record's JSON value, as text; fails the test, quoting the value, if unreadable. */
    public static String jsonField(ConsumerRecord<byte[], byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).get(name).asText();
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no '" + name + "' in " + text(record.value()), e);
        }
    }

    public static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
