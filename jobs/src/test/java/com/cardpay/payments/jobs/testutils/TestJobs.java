package com.cardpay.payments.jobs.testutils;

import com.cardpay.payments.jobs.config.PaymentsConfig;

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

    public static List<String> topics(PaymentsConfig config) {
        return config.topics().all();
    }
}
