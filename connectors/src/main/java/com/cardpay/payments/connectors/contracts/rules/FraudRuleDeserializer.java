package com.cardpay.payments.connectors.contracts.rules;

import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.model.SourcePosition;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Reads {@code payments.fraud-rules} as text. Parsing and validation happen in the scoring operator,
 * so that a bad rule becomes a status record instead of a failed source.
 */
public final class FraudRuleDeserializer implements KafkaRecordDeserializationSchema<RuleUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleUpdate> out) {
        out.collect(new RuleUpdate(
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                new SourcePosition(record.topic(), record.partition(), record.offset(), record.timestamp())));
    }

    @Override
    public TypeInformation<RuleUpdate> getProducedType() {
        return TypeInformation.of(RuleUpdate.class);
    }
}
