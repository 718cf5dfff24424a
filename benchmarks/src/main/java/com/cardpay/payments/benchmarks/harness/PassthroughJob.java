package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.connectors.kafka.PaymentsKafka;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.util.Map;

/**
 * The exactly-once floor, variant (a): the same Kafka source settings as the payments job
 * ({@code read_committed}, offsets committed on checkpoints), a Jackson parse of each record that
 * drops {@code pan} (the measurement in STACK-NOTES), and the same exactly-once {@code KafkaSink}
 * from {@link PaymentsKafka#exactlyOnceSink}. No keyBy, no state beyond offsets and transactions.
 * Headers travel to the output like in the payments job. Unparseable records are dropped.
 */
final class PassthroughJob {
    static final String SOURCE_NAME = "raw bytes";
    private final PaymentsConfig config;
    private final String outputTopic;
    /** Set for variant (d): the topic of the two extra copies of each record. */
    private final String extraCopiesTopic;

    PassthroughJob(PaymentsConfig config, String outputTopic) {
        this(config, outputTopic, null);
    }

    /** Variant (d): each record also written twice to {@code extraCopiesTopic}, by a sink of its own. */
    PassthroughJob(PaymentsConfig config, String outputTopic, String extraCopiesTopic) {
        this.config = config;
        this.outputTopic = outputTopic;
        this.extraCopiesTopic = extraCopiesTopic;
    }

    void build(StreamExecutionEnvironment env) {
        env.setParallelism(config.parallelism());
        KafkaSource<PassthroughRecord> source = KafkaSource.<PassthroughRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.topics().raw())
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawBytes())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("client.id.prefix", config.consumerGroup())
                .build();
        DataStream<PassthroughRecord> parsed = env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_NAME)
                .uid("passthrough-source")
                .flatMap(new DropPan())
                .uid("passthrough-drop-pan")
                .name("parse JSON, drop pan");
        parsed.sinkTo(PaymentsKafka.exactlyOnceSink(config.bootstrapServers(), config.transactionalIdPrefix("passthrough"),
                        config.transactionTimeout(), Map.of(), new ToTopic(outputTopic)))
                .uid("passthrough-sink")
                .name(outputTopic + " (exactly-once)");
        if (extraCopiesTopic != null) {
            parsed.flatMap(new TwoCopies()).uid("passthrough-two-copies").name("two copies")
                    .sinkTo(PaymentsKafka.exactlyOnceSink(config.bootstrapServers(),
                            config.transactionalIdPrefix("passthrough-copies"), config.transactionTimeout(), Map.of(),
                            new ToTopic(extraCopiesTopic)))
                    .uid("passthrough-copies-sink")
                    .name(extraCopiesTopic + " (exactly-once)");
        }
    }

    /** The record twice, as the pipeline writes a tokenized and a vault record per payment. */
    private static final class TwoCopies implements FlatMapFunction<PassthroughRecord, PassthroughRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(PassthroughRecord record, Collector<PassthroughRecord> out) {
            out.collect(record);
            out.collect(record);
        }
    }

    /** One record as read: a Flink POJO (Kryo is off in the job settings). */
    public static final class PassthroughRecord {
        public byte[] key;
        public byte[] value;
        public MessageHeaders headers;

        public PassthroughRecord() {}

        PassthroughRecord(byte[] key, byte[] value, MessageHeaders headers) {
            this.key = key;
            this.value = value;
            this.headers = headers;
        }
    }

    private static final class RawBytes implements KafkaRecordDeserializationSchema<PassthroughRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PassthroughRecord> out) {
            Header[] all = record.headers().toArray();
            String[] names = new String[all.length];
            byte[][] values = new byte[all.length][];
            for (int i = 0; i < all.length; i++) {
                names[i] = all[i].key();
                values[i] = all[i].value() == null ? new byte[0] : all[i].value();
            }
            out.collect(new PassthroughRecord(record.key(), record.value() == null ? new byte[0] : record.value(),
                    new MessageHeaders(names, values)));
        }

        @Override
        public TypeInformation<PassthroughRecord> getProducedType() {
            return TypeInformation.of(PassthroughRecord.class);
        }
    }

    private static final class DropPan implements FlatMapFunction<PassthroughRecord, PassthroughRecord> {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public void flatMap(PassthroughRecord record, Collector<PassthroughRecord> out) {
            JsonNode node;
            try {
                node = JSON.readTree(record.value);
            } catch (IOException e) {
                return;
            }
            if (!(node instanceof ObjectNode object)) {
                return;
            }
            object.remove("pan");
            try {
                record.value = JSON.writeValueAsBytes(object);
            } catch (IOException e) {
                return;
            }
            out.collect(record);
        }
    }

    private static final class ToTopic implements KafkaRecordSerializationSchema<PassthroughRecord> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        ToTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(PassthroughRecord r, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < r.headers.size(); i++) {
                headers.add(r.headers.names[i], r.headers.values[i]);
            }
            return new ProducerRecord<>(topic, null, null, r.key, r.value, headers);
        }
    }
}
