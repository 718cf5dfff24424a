package com.cardpay.payments.integration.testutils;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Everything a broker stores for a topic, for scans: unlike {@link KafkaTestSupport#readCommitted},
 * this reads {@code read_uncommitted}, so records of aborted and still-open transactions (which sit
 * in the broker's log like any other) are included.
 */
public final class KafkaTopicDump {
    private KafkaTopicDump() {}

    /** All topics on the broker, Kafka's internal ones ({@code __consumer_offsets}, {@code __transaction_state}) included. */
    public static Set<String> allTopics(String bootstrap) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
    }

    /** Every record in {@code topic} up to its high watermark, committed or not. */
    public static List<ConsumerRecord<byte[], byte[]>> everything(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            return KafkaTestSupport.readToEnd(consumer, topic);
        }
    }
}
