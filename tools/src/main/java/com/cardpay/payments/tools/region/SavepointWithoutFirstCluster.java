package com.cardpay.payments.tools.region;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;

/**
 * A copy of a savepoint without some operators' state, through the State Processor API. The copy's
 * metadata refers to the original's state files, so the original must stay until the job started
 * from the copy has completed its own first checkpoint.
 */
final class SavepointWithoutFirstCluster {
    private SavepointWithoutFirstCluster() {}

    static void write(String savepoint, String target, List<String> removedUids) throws Exception {
        Configuration batch = new Configuration();
        batch.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
        SavepointWriter writer = SavepointWriter.fromExistingSavepoint(env, savepoint, new EmbeddedRocksDBStateBackend());
        for (String uid : removedUids) {
            writer = writer.removeOperator(OperatorIdentifier.forUid(uid));
        }
        writer.write(target);
        env.execute("region-start: savepoint without the first region's Kafka state");
    }
}
