package com.cardpay.payments.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.jobs.config.PaymentsConfig;
import com.cardpay.payments.jobs.testutils.TestJobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The job graph as built from config, without running it. */
class PaymentsJobGraphTest {

    private static StreamGraph graph(Path checkpoints) {
        return graph(checkpoints, null);
    }

    private static StreamGraph graph(Path checkpoints, StageHook hook) {
        PaymentsConfig config = PaymentsConfig.from(TestJobs.settings("graph", "localhost:9092", checkpoints));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        PaymentsJob job = PaymentsJob.fromConfig(config);
        if (hook != null) {
            job.withStageHook(hook);
        }
        job.build(env);
        return env.getStreamGraph();
    }

    @Test
    void theTestHookAddsOneChainedOperatorPerStatefulStageAndProductionNone(@TempDir Path checkpoints) {
        List<String> hookUids = Arrays.stream(StageHook.Stage.values()).map(StageHook.Stage::uid).toList();
        StreamGraph production = graph(checkpoints);
        StreamGraph hooked = graph(checkpoints, (stage, record) -> { });

        assertThat(production.getStreamNodes()).extracting(StreamNode::getTransformationUID).doesNotContainAnyElementsOf(hookUids)
                .noneMatch(uid -> uid.startsWith("test-"));
        assertThat(hooked.getStreamNodes()).hasSize(production.getStreamNodes().size() + hookUids.size())
                .extracting(StreamNode::getTransformationUID).containsAll(hookUids);
        // Chained to its stage: one task, so the hook's exception fails the stage's own task.
        assertThat(hooked.getJobGraph().getNumberOfVertices()).isEqualTo(production.getJobGraph().getNumberOfVertices());
    }

    @Test
    void everyOperatorHasAStableUidAndAName(@TempDir Path checkpoints) {
        List<StreamNode> nodes = List.copyOf(graph(checkpoints).getStreamNodes());

        assertThat(nodes).isNotEmpty().allSatisfy(node -> {
            assertThat(node.getTransformationUID()).as(node.getOperatorName()).isNotBlank();
            assertThat(node.getOperatorName()).isNotBlank();
        });
        assertThat(nodes).extracting(StreamNode::getTransformationUID)
                .contains(OperatorUids.RAW_PAYMENTS_SOURCE, OperatorUids.DEDUPE, OperatorUids.INGEST_ROUTER,
                        OperatorUids.TOKENIZATION_SINK, OperatorUids.DLQ_SINK)
                .doesNotContain(OperatorUids.RETIRED);
    }

    @Test
    void eachPaymentsTokenizedAndVaultRecordsAreWrittenByOneWriterChainedToDedupe(@TempDir Path checkpoints) {
        // Same task, no network channel in between: a payment's two records reach the same
        // transactional producer in the same call, so they commit or abort together even with
        // unaligned checkpoints (which would put a channel's in-flight records in the next one).
        List<String> vertices = graph(checkpoints).getJobGraph().getVerticesSortedTopologicallyFromSources().stream()
                .map(v -> v.getName()).toList();
        assertThat(vertices).filteredOn(name -> name.contains("dedupe payment_id per merchant")).singleElement()
                .satisfies(name -> assertThat(name).contains("payments.tokenized + payments.vault"));
        assertThat(vertices).filteredOn(name -> name.contains("payments.tokenized")).hasSize(1);
    }

    @Test
    void maxParallelismIsExplicitAndNoTypeFallsBackToKryo(@TempDir Path checkpoints) {
        StreamGraph graph = graph(checkpoints);

        assertThat(graph.getExecutionConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        // Building the JobGraph creates every edge's serializer; a Kryo fallback would throw here.
        assertThat(graph.getJobGraph().getVertices()).isNotEmpty();
        assertThat(graph.getStreamNodes()).allSatisfy(node -> assertThat(node.getMaxParallelism()).isIn(-1, 720));
        assertThat(graph.getExecutionConfig().getMaxParallelism()).isEqualTo(720);
    }
}
