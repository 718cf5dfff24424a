package com.cardpay.payments.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.jobs.FlinkSettings;
import com.cardpay.payments.jobs.PaymentsJob;
import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.local.LocalPaymentsRunner;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The job's state identity, pinned. A savepoint maps state to operators by uid, and keyed state
 * to key groups by max parallelism: a uid renamed, dropped or shared, or a changed max parallelism,
 * silently orphans state on the next upgrade (dedupe memory, fraud history, open settlement
 * windows). Built from the default configuration and from the local run's, as each is deployed.
 */
class OperatorIdentityTest {
    /** The committed list; a change to it is a deliberate change to the state, with a migration. */
    private static final Path UIDS = Path.of("uids.txt");
    /** Pinned: keyed state is split into this many key groups; another value cannot restore it. */
    private static final int MAX_PARALLELISM = 720;

    @ParameterizedTest(name = "{0} configuration")
    @ValueSource(strings = {"default", "local"})
    void everyOperatorHasItsCommittedUidOnceAndMaxParallelismIsPinned(String which, @TempDir Path checkpoints)
            throws IOException {
        StreamGraph graph = graph(which, checkpoints);
        List<StreamNode> nodes = List.copyOf(graph.getStreamNodes());

        assertThat(nodes).allSatisfy(node -> assertThat(node.getTransformationUID())
                .as("uid of '%s' (sources and sinks included)", node.getOperatorName()).isNotBlank());
        List<String> uids = nodes.stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).as("uids used twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(uids)).as("the job's uids against savepoints/uids.txt").isEqualTo(committedUids());

        assertThat(graph.getExecutionConfig().getMaxParallelism()).isEqualTo(MAX_PARALLELISM);
        assertThat(nodes).allSatisfy(node -> assertThat(node.getMaxParallelism()).isIn(-1, MAX_PARALLELISM));
    }

    private static StreamGraph graph(String which, Path checkpoints) {
        Map<String, String> settings = which.equals("local")
                ? LocalPaymentsRunner.localSettings(checkpoints)
                : new HashMap<>(Map.of("checkpoint.storage", checkpoints.toUri().toString()));
        PaymentsConfig config = PaymentsConfig.from(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        // Building the graph opens no connection: sources, sinks and key providers connect on the cluster.
        PaymentsJob.fromConfig(config).build(env);
        return env.getStreamGraph();
    }

    private static TreeSet<String> committedUids() throws IOException {
        return Files.readAllLines(UIDS).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
