package com.cardpay.payments.connectors.kafka;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;


/**
 * Serializes a stage's records by their topic's contract before the single sink (see {@link
 * SerializedKafkaRecord}). The contracts' serializers use neither the initialization context nor
 * the sink context beyond the subtask, so a minimal one is given.
 */
public final class SerializeForKafka<T> extends RichMapFunction<T, SerializedKafkaRecord> {
    private static final long serialVersionUID = 1L;
    private final KafkaRecordSerializationSchema<T> schema;
    private transient KafkaRecordSerializationSchema.KafkaSinkContext context;

    public SerializeForKafka(KafkaRecordSerializationSchema<T> schema) {
        this.schema = schema;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        context = new KafkaRecordSerializationSchema.KafkaSinkContext() {
            @Override
            public int getParallelInstanceId() {
                return subtask;
            }

            @Override
            public int getNumberOfParallelInstances() {
                return subtasks;
            }

            @Override
            public int[] getPartitionsForTopic(String topic) {
                throw new UnsupportedOperationException("the contracts' serializers leave partitioning to Kafka");
            }
        };
        schema.open(null, context);
    }

    @Override
    public SerializedKafkaRecord map(T value) {
        return SerializedKafkaRecord.of(schema.serialize(value, context, null));
    }
}
