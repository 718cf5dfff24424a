package com.cardpay.payments.connectors.kafka;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.model.IngestOutcome;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Builds the job's Kafka source and its exactly-once sinks. */
public final class PaymentsKafka {
    private PaymentsKafka() {}

    /** Where the source starts when it has no checkpoint to restore from. */
    public enum StartingOffsets {
        /** The consumer group's committed offsets, or the earliest offset where none is committed. */
        COMMITTED,
        EARLIEST,
        LATEST;

        public OffsetsInitializer initializer() {
            return switch (this) {
                case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                case EARLIEST -> OffsetsInitializer.earliest();
                case LATEST -> OffsetsInitializer.latest();
            };
        }
    }

    /**
     * The {@code payments.raw} source. It reads {@code read_committed}, so an aborted producer
     * transaction upstream never becomes a payment.
     *
     * @param clientProperties extra Kafka client settings (security, for example)
     * @param bounded stop at the offsets that are latest when the job starts (tests and replays)
     */
    public static KafkaSource<IngestOutcome> rawPaymentsSource(
            String bootstrapServers,
            String topic,
            String consumerGroup,
            StartingOffsets startingOffsets,
            Map<String, String> clientProperties,
            KafkaRecordDeserializationSchema<IngestOutcome> deserializer,
            boolean bounded) {
        checkCommon(bootstrapServers, topic, consumerGroup, clientProperties);
        checkNotNull(startingOffsets, "startingOffsets");
        checkNotNull(deserializer, "deserializer");
        KafkaSourceBuilder<IngestOutcome> builder = KafkaSource.<IngestOutcome>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(consumerGroup)
                .setStartingOffsets(startingOffsets.initializer())
                .setDeserializer(deserializer)
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                // Offsets are committed on checkpoint completion only; they are for monitoring
                // lag, the checkpoint is the source of truth.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("client.id.prefix", consumerGroup);
        clientProperties.forEach(builder::setProperty);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The {@code payments.fraud-rules} source: always from the earliest offset of the compacted
     * topic on a fresh start (every rule in force is there); from the checkpoint otherwise.
     *
     * @param deserializer the rules topic's reader ({@code contracts.rules.FraudRulesTopic})
     */
    public static KafkaSource<RuleUpdate> fraudRulesSource(String bootstrapServers, String topic, String consumerGroup,
            Map<String, String> clientProperties, KafkaRecordDeserializationSchema<RuleUpdate> deserializer,
            boolean bounded) {
        checkCommon(bootstrapServers, topic, consumerGroup, clientProperties);
        checkNotNull(deserializer, "deserializer");
        KafkaSourceBuilder<RuleUpdate> builder = KafkaSource.<RuleUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(consumerGroup + "-fraud-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(deserializer)
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("client.id.prefix", consumerGroup + "-fraud-rules");
        clientProperties.forEach(builder::setProperty);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * An exactly-once sink: records become visible to {@code read_committed} consumers when the
     * checkpoint that covers them completes.
     *
     * @param transactionalIdPrefix unique per sink and per job; two sinks sharing one fence each other
     * @param transactionTimeout below the broker's {@code transaction.max.timeout.ms}, and above the
     *     checkpoint interval plus checkpoint duration plus restart time, or commits are lost
     */
    public static <T> KafkaSink<T> exactlyOnceSink(
            String bootstrapServers,
            String transactionalIdPrefix,
            Duration transactionTimeout,
            Map<String, String> clientProperties,
            KafkaRecordSerializationSchema<T> serializer) {
        checkCommon(bootstrapServers, transactionalIdPrefix, "unused", clientProperties);
        checkNotNull(serializer, "serializer");
        checkArgument(transactionTimeout != null && !transactionTimeout.isNegative() && !transactionTimeout.isZero(),
                "transactionTimeout must be positive, got %s", transactionTimeout);
        Properties producer = new Properties();
        producer.putAll(clientProperties);
        producer.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
        producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .build();
    }

    /**
     * Client properties may add settings (security, buffers), never replace what exactly-once and
     * read_committed rest on: those are set here, and a property that would override one is refused
     * when the source or sink is built, as the official builders check their arguments.
     */
    static final Set<String> OWNED_PROPERTIES = Set.of(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.ACKS_CONFIG, "bootstrap.servers");

    private static void checkCommon(String bootstrapServers, String topicOrPrefix, String consumerGroup,
            Map<String, String> clientProperties) {
        checkArgument(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrapServers must be set");
        checkArgument(topicOrPrefix != null && !topicOrPrefix.isBlank(), "a topic or transactional id prefix must be set");
        checkArgument(consumerGroup != null && !consumerGroup.isBlank(), "consumerGroup must be set");
        checkNotNull(clientProperties, "clientProperties");
        for (String key : clientProperties.keySet()) {
            checkArgument(!OWNED_PROPERTIES.contains(key),
                    "client property %s is set by the connector for exactly-once delivery and cannot be overridden", key);
        }
    }
}
