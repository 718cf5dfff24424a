package com.cardpay.payments.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.jobs.config.PaymentsConfig;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

class FlinkSettingsTest {

    private static Map<String, String> local() {
        Map<String, String> s = new HashMap<>();
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        return s;
    }

    @Test
    void theDefaultsReachFlinkUnderFlinksOwnOptionNames() {
        Configuration flink = FlinkSettings.of(PaymentsConfig.from(local()));

        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/payments-job/checkpoints");
        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("file:///tmp/payments-job/checkpoints/savepoints");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(flink.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isEqualTo(Duration.ZERO);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(flink.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(2);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(flink.get(CheckpointingOptions.ENABLE_UNALIGNED)).isFalse();
        assertThat(flink.contains(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT)).as("only set with unaligned").isFalse();
        assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(flink.get(CheckpointingOptions.LOCAL_BACKUP_ENABLED)).isTrue();
        assertThat(flink.get(StateRecoveryOptions.LOCAL_RECOVERY)).isTrue();

        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF)).isEqualTo(Duration.ofSeconds(1));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF)).isEqualTo(Duration.ofMinutes(1));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER)).isEqualTo(2.0);
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR)).isEqualTo(0.1);
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD)).isEqualTo(Duration.ofHours(1));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void everyCheckpointAndRestartKeyIsMapped() {
        Map<String, String> s = local();
        s.put("checkpoint.interval", "5s");
        s.put("checkpoint.min-pause", "2s");
        s.put("checkpoint.timeout", "1m");
        s.put("checkpoint.tolerable-failures", "0");
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod");
        s.put("checkpoint.savepoint-storage", "s3://payments-savepoints/prod");
        s.put("checkpoint.incremental", "false");
        s.put("checkpoint.unaligned", "true");
        s.put("checkpoint.aligned-timeout", "250ms");
        s.put("checkpoint.retain-on-cancel", "false");
        s.put("checkpoint.local-recovery", "false");
        s.put("state.backend", "hashmap");
        s.put("restart.initial-backoff", "500ms");
        s.put("restart.max-backoff", "5m");
        s.put("restart.backoff-multiplier", "1.5");
        s.put("restart.jitter", "0.25");
        s.put("restart.reset-backoff-after", "6h");
        s.put("restart.max-attempts", "20");

        Configuration flink = FlinkSettings.of(PaymentsConfig.from(s));

        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://payments-checkpoints/prod");
        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("s3://payments-savepoints/prod");
        assertThat(flink.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(flink.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(flink.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isZero();
        assertThat(flink.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
        assertThat(flink.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        assertThat(flink.get(CheckpointingOptions.LOCAL_BACKUP_ENABLED)).isFalse();
        assertThat(flink.get(StateRecoveryOptions.LOCAL_RECOVERY)).isFalse();
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF)).isEqualTo(Duration.ofMillis(500));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF)).isEqualTo(Duration.ofMinutes(5));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER)).isEqualTo(1.5);
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR)).isEqualTo(0.25);
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD)).isEqualTo(Duration.ofHours(6));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(20);
    }

    @Test
    void localRecoveryIsAlsoGivenAsTheClusterSetting() {
        Map<String, String> s = local();
        s.put("checkpoint.local-recovery", "false");

        Configuration cluster = FlinkSettings.clusterSettings(PaymentsConfig.from(s));

        assertThat(cluster.toMap()).containsOnlyKeys(CheckpointingOptions.LOCAL_BACKUP_ENABLED.key(),
                StateRecoveryOptions.LOCAL_RECOVERY.key());
        assertThat(cluster.get(CheckpointingOptions.LOCAL_BACKUP_ENABLED)).isFalse();
        assertThat(cluster.get(StateRecoveryOptions.LOCAL_RECOVERY)).isFalse();
    }

    @Test
    void theS3KeysNeverReachTheJobsConfiguration(@TempDir Path dir) throws Exception {
        Path accessKey = Files.writeString(dir.resolve("access-key"), "AKIAIOSFODNN7EXAMPLE\n");
        Path secretKey = Files.writeString(dir.resolve("secret-key"), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        Map<String, String> s = local();
        s.put("checkpoint.storage", "s3://payments-checkpoints/prod");
        s.put("s3.endpoint", "https://s3.eu-west-1.amazonaws.com");
        s.put("s3.access-key-file", accessKey.toString());
        s.put("s3.secret-key-file", secretKey.toString());
        PaymentsConfig config = PaymentsConfig.from(s);

        Configuration flink = FlinkSettings.of(config);

        assertThat(flink.toMap().keySet()).noneMatch(k -> k.startsWith("s3.") || k.startsWith("fs.s3a."));
        assertThat(flink.toMap().values().toString() + config).doesNotContain("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI");
        // ... while the file system settings, which only FileSystem.initialize sees, carry them.
        assertThat(ObjectStorage.fileSystemSettings(config.s3()).toMap())
                .containsEntry("s3.access-key", "AKIAIOSFODNN7EXAMPLE")
                .containsEntry("s3.secret-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }
}
