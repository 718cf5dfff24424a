package com.cardpay.payments.jobs;

import com.cardpay.payments.jobs.config.PaymentsConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;

import java.util.Locale;

/** The Flink settings the job needs, derived from {@link PaymentsConfig}. */
public final class FlinkSettings {
    private FlinkSettings() {}

    public static Configuration of(PaymentsConfig config) {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.NAME, config.jobName());
        flink.set(PipelineOptions.MAX_PARALLELISM, config.maxParallelism());
        // Kryo off: every type must be a POJO or record with a Flink serializer, so state can evolve.
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        // Uids are set on every stateful operator; generated ones would break savepoint upgrades.
        flink.set(PipelineOptions.AUTO_GENERATE_UIDS, false);

        flink.set(StateBackendOptions.STATE_BACKEND, config.stateBackend().name().toLowerCase(Locale.ROOT));
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointStorage().toString());
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.incrementalCheckpoints());
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, config.checkpointTimeout());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        // Keep the last checkpoint when the job is cancelled: the operator's last resort for recovery.
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, config.restartInitialBackoff());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, config.restartMaxBackoff());
        return flink;
    }
}
