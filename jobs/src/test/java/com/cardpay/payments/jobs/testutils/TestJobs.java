package com.cardpay.payments.jobs.testutils;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Config for a test run: its own topics, local keys (so development.allow-insecure), fast checkpoints, RocksDB. */
public final class TestJobs {
    private TestJobs() {}

    public static Map<String, String> settings(String name, String bootstrap, Path checkpoints) {
        Map<String, String> s = new HashMap<>();
        s.put("job.name", name);
        s.put("job.parallelism", "2");
        s.put("kafka.bootstrap-servers", bootstrap);
        s.put("kafka.starting-offsets", "earliest");
        s.put("topics.raw", name + ".raw");
        s.put("topics.tokenized", name + ".tokenized");
        s.put("topics.vault", name + ".vault");
        s.put("topics.dlq", name + ".dlq");
        s.put("topics.scored", name + ".scored");
        s.put("topics.fraud-rules", name + ".fraud-rules");
        s.put("topics.fraud-rules-status", name + ".fraud-rules-status");
        s.put("topics.settlements", name + ".settlements");
        s.put("checkpoint.interval", "300ms");
        s.put("checkpoint.timeout", "1m");
        s.put("checkpoint.storage", checkpoints.toUri().toString());
        s.put("state.backend", "rocksdb");
        s.put("restart.initial-backoff", "100ms");
        s.put("restart.max-backoff", "1s");
        s.put("tokenization.key-provider", "local");
        s.put("development.allow-insecure", "true");
        return s;
    }

    /**
     * One-minute settlement windows that close 2 s after their end, late payments published in 5 s
     * batches, adjustments for an hour, and no partition ever declared idle: event time moves only
     * with the test's own records, so no wait can close a window. Returns {@code s}.
     */
    public static Map<String, String> withMinuteSettlement(Map<String, String> s) {
        s.put("settlement.window", "1m");
        s.put("settlement.allowed-lateness", "2s");
        s.put("source.max-event-time-ahead", "2s");
        s.put("settlement.adjustment-horizon", "1h");
        s.put("settlement.adjustment-batch", "5s");
        s.put("source.idleness", "1h");
        return s;
    }

    /** Starts the production job graph with {@code config}, from {@code savepoint} if not null. */
    public static JobClient start(PaymentsConfig config, String savepoint) throws Exception {
        Configuration flink = FlinkSettings.of(config);
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        PaymentsJob.fromConfig(config).build(env);
        return env.executeAsync(config.jobName());
    }

    public static List<String> topics(PaymentsConfig config) {
        return config.topics().all();
    }
}
