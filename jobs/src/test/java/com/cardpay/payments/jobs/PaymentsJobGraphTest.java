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
                        OperatorUids.TOKENIZED_SINK, OperatorUids.VAULT_SINK, OperatorUids.DLQ_SINK);
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
