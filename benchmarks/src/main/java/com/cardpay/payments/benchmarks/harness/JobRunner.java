package com.cardpay.payments.benchmarks.harness;

import com.cardpay.payments.connectors.keys.LocalKeyProvider;
import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.EmbeddedKafka;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts either variant on its own in-process MiniCluster, with the job's own Flink settings
 * ({@link FlinkSettings#of}: RocksDB, incremental and exactly-once checkpoints, Kryo off), the
 * harness's overrides on top, and per-run topics, consumer group and transactional ids, so runs
 * never see each other's data or transactions.
 */
final class JobRunner {
    private final EmbeddedKafka kafka;
    private final Path workDir;
    private final int partitions;

    /** A started job: its client, its config, the output topic the probe reads, and its REST port. */
    record Started(JobClient client, PaymentsConfig config, String outputTopic, int restPort, String runId) {}

    JobRunner(EmbeddedKafka kafka, Path workDir, int partitions) {
        this.kafka = kafka;
        this.workDir = workDir;
        this.partitions = partitions;
    }

    /**
     * @param jobSettings payments config keys (see {@code ConfigKey}); the harness's own keys
     *     (bootstrap servers, job name, topics, starting offsets, checkpoint storage) win over them
     * @param flinkSettings any Flink option, applied after the job's own
     */
    Started start(Variant variant, String runId, String rawTopic, Map<String, String> jobSettings,
            Map<String, String> flinkSettings) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tokenization.key-provider", "local");
        settings.put("development.allow-insecure", "true");
        settings.putAll(jobSettings);
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("job.name", "bench-" + runId);
        settings.put("kafka.starting-offsets", "earliest");
        settings.put("checkpoint.storage", Files.createDirectories(workDir.resolve(runId)).toUri().toString());
        String prefix = "bench." + runId + ".";
        settings.put("topics.raw", rawTopic);
        for (String topic : List.of("tokenized", "vault", "dlq", "scored", "fraud-rules", "fraud-rules-status")) {
            settings.put("topics." + topic, prefix + topic);
        }
        PaymentsConfig config = PaymentsConfig.from(settings);
        String passthroughTopic = prefix + "passthrough";
        String passthroughCopiesTopic = prefix + "passthrough-copies";
        List<String> topics = new ArrayList<>(config.topics().all());
        topics.add(passthroughTopic);
        if (variant == Variant.PASSTHROUGH_THREE_RECORDS) {
            topics.add(passthroughCopiesTopic);
        }
        kafka.createTopics(topics, partitions);

        int restPort = freePort();
        Configuration flink = FlinkSettings.of(config);
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        flink.set(RestOptions.PORT, restPort);
        SourceRecordsMetric.install(flink); // throughput runs read the source's counter in process
        flinkSettings.forEach(flink::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        String output;
        if (variant == Variant.PIPELINE) {
            PaymentsJob.fromConfig(config, LocalKeyProvider.factory(), Map.of()).build(env);
            output = config.topics().scored();
        } else if (variant == Variant.PIPELINE_ONE_SINK) {
            PaymentsJob.withOneKafkaSinkForAllOutputs(config, LocalKeyProvider.factory(), Map.of()).build(env);
            output = config.topics().scored();
        } else if (variant == Variant.PASSTHROUGH_THREE_RECORDS) {
            new PassthroughJob(config, passthroughTopic, passthroughCopiesTopic).build(env);
            output = passthroughTopic;
        } else {
            new PassthroughJob(config, passthroughTopic).build(env);
            output = passthroughTopic;
        }
        JobClient client = env.executeAsync(config.jobName());
        return new Started(client, config, output, restPort, runId);
    }

    /** Cancels the job and waits for its MiniCluster to let go. */
    static void stop(Started started) throws InterruptedException {
        JobClient client = started.client();
        try {
            if (!client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
            client.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Cancelled jobs complete their result exceptionally; a slow shutdown is not a result.
        } catch (IllegalStateException e) {
            // The MiniCluster has already gone with the job.
        }
    }

    /** Fails the run if its job failed or ended on its own. */
    static void checkRunning(Started started) throws Exception {
        var status = started.client().getJobStatus().get(10, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            String cause = "";
            try {
                started.client().getJobExecutionResult().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                cause = ": " + rootMessage(e);
            }
            throw new IllegalStateException("job " + started.runId() + " ended with " + status + cause);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + " " + root.getMessage();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
