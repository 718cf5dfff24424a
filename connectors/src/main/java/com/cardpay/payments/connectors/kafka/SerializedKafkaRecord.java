package com.cardpay.payments.connectors.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record already serialized by its topic's contract: what the single-sink layout passes
 * from every stage to the one exactly-once sink ({@link #passThrough()}). A POJO (Flink serializes
 * it field by field, no Kryo).
 */
public final class SerializedKafkaRecord {
    public String topic;
    public byte[] key;
    public byte[] value;
    public String[] headerNames;
    public byte[][] headerValues;

    public SerializedKafkaRecord() {}

    static SerializedKafkaRecord of(ProducerRecord<byte[], byte[]> record) {
        SerializedKafkaRecord r = new SerializedKafkaRecord();
        r.topic = record.topic();
        r.key = record.key();
        r.value = record.value();
        List<String> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Header h : record.headers()) {
            names.add(h.key());
            values.add(h.value());
        }
        r.headerNames = names.toArray(String[]::new);
        r.headerValues = values.toArray(byte[][]::new);
        return r;
    }

    /** The sink's serializer: writes each record to the topic its stage chose, as serialized. */
    public static KafkaRecordSerializationSchema<SerializedKafkaRecord> passThrough() {
        return (r, context, timestamp) -> {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(r.topic, null, null, r.key, r.value);
            for (int i = 0; i < r.headerNames.length; i++) {
                record.headers().add(r.headerNames[i], r.headerValues[i]);
            }
            return record;
        };
    }
}
