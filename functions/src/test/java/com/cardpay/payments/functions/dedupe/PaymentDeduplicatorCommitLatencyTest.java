package com.cardpay.payments.functions.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.metrics.CommitLatency;
import com.cardpay.payments.functions.model.IngestOutcome;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.model.VaultRecord;
import com.cardpay.payments.functions.testutils.Payments;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * {@code payments_commit_visible_latency_ms} through Flink's operator harness: the barrier
 * ({@code snapshot}) files the source timestamps of the payments emitted before it, the completion
 * notification records them against the (hand-moved) clock; and the operator's state stays the
 * keyed dedupe state alone.
 */
class PaymentDeduplicatorCommitLatencyTest {
    private final DedupeFixtures fixtures = new DedupeFixtures();
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private long now;
    private KeyedOneInputStreamOperatorTestHarness<String, IngestOutcome, Either<TokenizedPayment, VaultRecord>> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PaymentDeduplicator(DedupeFixtures.TTL, () -> now)),
                outcome -> outcome.payment().merchantId(), Types.STRING,
                new MockEnvironmentBuilder().setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                        return metrics;
                    }
                }).build());
        harness.setup(PaymentDeduplicator.OUTPUT_TYPE.createSerializer(new SerializerConfigImpl()));
        harness.open();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void eachFirstSightingIsMeasuredFromItsKafkaTimestampToTheCompletionOfTheCheckpointAfterIt() throws Exception {
        IngestOutcome a = fixtures.payment("m-1", "pay-a");
        IngestOutcome b = fixtures.payment("m-2", "pay-b");
        IngestOutcome c = fixtures.payment("m-1", "pay-c");
        long tA = a.payment().source().timestampMillis();
        long tB = b.payment().source().timestampMillis();
        long tC = c.payment().source().timestampMillis();
        harness.processElement(a, 1L);
        harness.processElement(b, 2L);
        harness.processElement(fixtures.accepted(Payments.raw().with("merchant_id", "m-1").with("payment_id", "pay-a")), 3L);
        now = tB + 1_000;
        harness.snapshot(1, now);
        harness.processElement(c, 4L); // after barrier 1

        assertThat(latency().getCount()).as("nothing before the checkpoint completes").isZero();
        now = tB + 1_250;
        harness.notifyOfCompletedCheckpoint(1);

        // a and b (the exact replay of pay-a is no output, so no sample), not c
        assertThat(latency().getCount()).isEqualTo(2);
        assertThat(latency().getStatistics().getValues()).containsExactlyInAnyOrder(now - tA, now - tB);

        harness.snapshot(2, now);
        harness.getOperator().notifyCheckpointAborted(2);
        harness.snapshot(3, now);
        now = tC + 3_000;
        harness.notifyOfCompletedCheckpoint(3);

        assertThat(latency().getCount()).as("c, filed under aborted checkpoint 2, committed by 3").isEqualTo(3);
        assertThat(latency().getStatistics().getMax()).isEqualTo(3_000);
    }

    @Test
    void theMetricAddsNoStateToTheOperatorsSnapshots() throws Exception {
        harness.processElement(fixtures.payment("m-1", "pay-a"), 1L);

        OperatorSubtaskState snapshot = harness.snapshot(1, 1L);

        assertThat(snapshot.getManagedOperatorState()).isEmpty();
        assertThat(snapshot.getRawOperatorState()).isEmpty();
        assertThat(snapshot.getManagedKeyedState()).isNotEmpty(); // the seen payment ids, as before
    }

    private Histogram latency() {
        Histogram histogram = (Histogram) metrics.get(CommitLatency.METRIC);
        assertThat(histogram).as("histogram %s registered", CommitLatency.METRIC).isNotNull();
        return histogram;
    }
}
