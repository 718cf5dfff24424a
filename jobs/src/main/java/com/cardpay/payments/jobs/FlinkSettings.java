package com.cardpay.payments.jobs;

import com.cardpay.payments.jobs.config.CheckpointSettings;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.config.RestartSettings;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;

import java.util.Locale;

/**
 * The Flink settings the job needs, derived from {@link PaymentsConfig}. They hold no secret: the
 * S3 keys reach Flink's file system through {@link ObjectStorage}, never through this
 * configuration, which travels with the job graph and shows in the web UI.
 */
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
        CheckpointSettings checkpoints = config.checkpoints();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.storage().toString());
        flink.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, checkpoints.savepointStorage().toString());
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, checkpoints.incremental());
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpoints.interval());
        flink.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, checkpoints.minPause());
        flink.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpoints.timeout());
        flink.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, checkpoints.tolerableFailures());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.ENABLE_UNALIGNED, checkpoints.unaligned());
        if (checkpoints.unaligned()) {
            flink.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, checkpoints.alignedTimeout());
        }
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, checkpoints.retainOnCancel()
                ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION
                : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        flink.addAll(clusterSettings(config));

        RestartSettings restart = config.restart();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restart.initialBackoff());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restart.maxBackoff());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, restart.backoffMultiplier());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, restart.jitter());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, restart.resetBackoffAfter());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, restart.maxAttempts());
        return flink;
    }

    /**
     * The settings that Flink reads from the cluster's configuration when a JobManager or
     * TaskManager starts, not from a job's: local recovery (the TaskManagers keep the local copy,
     * the JobManager schedules a restarted task back onto its TaskManager). They are part of
     * {@link #of}, so they apply wherever that configuration starts the cluster (the local run, a
     * local environment, a MiniCluster given them); on a real cluster, its own configuration must
     * carry the same (README, 'Checkpoints in object storage').
     */
    public static Configuration clusterSettings(PaymentsConfig config) {
        Configuration cluster = new Configuration();
        // Flink 2 splits it: keep a local copy of each checkpoint, and restore from it.
        cluster.set(CheckpointingOptions.LOCAL_BACKUP_ENABLED, config.checkpoints().localRecovery());
        cluster.set(StateRecoveryOptions.LOCAL_RECOVERY, config.checkpoints().localRecovery());
        return cluster;
    }
}
