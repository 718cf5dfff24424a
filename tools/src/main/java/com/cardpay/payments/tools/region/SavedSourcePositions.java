package com.cardpay.payments.tools.region;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplitSerializer;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the job's Kafka source stood in a savepoint: for each partition, the offset of the next
 * record to read, from the source readers' splits. Read through the State Processor API, as a
 * bounded job in this process; restores nothing else.
 */
final class SavedSourcePositions {
    /** Flink's {@code SourceOperator} keeps its reader's splits in this operator list state, one serialized split each. */
    static final String READER_STATE = "SourceReaderState";

    private SavedSourcePositions() {}

    /**
     * @return the next offset to read of every partition the source had, ordered by topic and partition
     * @throws IllegalStateException naming the partition when a split holds no position yet (a
     *     partition assigned but never read: only a Kafka sentinel such as "earliest" or "committed")
     */
    static Map<TopicPartition, Long> read(String savepoint, String sourceUid) throws Exception {
        Configuration batch = new Configuration();
        batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
        KafkaPartitionSplitSerializer splits = new KafkaPartitionSplitSerializer();
        Map<TopicPartition, Long> positions = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        try (CloseableIterator<byte[]> states = SavepointReader.read(env, savepoint, new EmbeddedRocksDBStateBackend())
                .readListState(OperatorIdentifier.forUid(sourceUid), READER_STATE,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO, BytePrimitiveArraySerializer.INSTANCE)
                .executeAndCollect("region-start: read the source positions of " + sourceUid)) {
            while (states.hasNext()) {
                KafkaPartitionSplit split = SimpleVersionedSerialization.readVersionAndDeSerialize(splits, states.next());
                if (split.getStartingOffset() < 0) {
                    throw new IllegalStateException(split.getTopicPartition() + " has no position in the savepoint (the"
                            + " source had not read it yet): take a newer savepoint, or start without state");
                }
                positions.put(split.getTopicPartition(), split.getStartingOffset());
            }
        }
        return positions;
    }
}
