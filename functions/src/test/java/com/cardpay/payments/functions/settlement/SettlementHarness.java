package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.testutils.Harnesses;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link SettlementAggregator} in Flink's keyed operator harness, keyed by {@link SettlementKey}
 * as in the job, with generic types (Kryo) disabled as in the job, and its metrics readable.
 * Defaults: daily UTC windows, 1 h allowed lateness, 2 days adjustment horizon, 290bps plus 0.30
 * (30 JPY) for everyone but merchants {@code m-flat} (0bps) and {@code m-all} (10000bps plus one
 * minor unit, for fee overflows).
 */
final class SettlementHarness implements AutoCloseable {
    static final Duration LATENESS = Duration.ofHours(1);
    static final Duration HORIZON = Duration.ofDays(2);
    /** One millisecond: every step of the watermark publishes the late payments read before it. */
    static final Duration BATCH = Duration.ofMillis(1);
    static final FeeSchedule FEES = FeeSchedule.parse("290bps+0.30EUR/0.30USD/0.30GBP/30JPY", "m-flat=0bps,m-all=10000bps+0.01EUR/0.01USD/0.01GBP/1JPY");

    final KeyedOneInputStreamOperatorTestHarness<String, ScoredPayment, Settlement> harness;
    private final MockEnvironment environment;
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private long watermark = Long.MIN_VALUE;

    private SettlementHarness(SettlementAggregator aggregator) throws Exception {
        environment = new MockEnvironmentBuilder().setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                return metrics;
            }
        }).build();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(aggregator),
                SettlementKey::of, Types.STRING, environment);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
    }

    static SettlementHarness open() throws Exception {
        return open(new SettlementWindows(SettlementPayments.DAY, 0), LATENESS, HORIZON);
    }

    static SettlementHarness open(SettlementWindows windows, Duration lateness, Duration horizon) throws Exception {
        return open(windows, lateness, horizon, BATCH);
    }

    static SettlementHarness open(SettlementWindows windows, Duration lateness, Duration horizon, Duration batch)
            throws Exception {
        SettlementHarness h = new SettlementHarness(new SettlementAggregator(windows, FEES, lateness, horizon, batch));
        h.harness.open();
        return h;
    }

    /** A harness with the defaults, restored from a snapshot, then opened. */
    static SettlementHarness restore(OperatorSubtaskState snapshot) throws Exception {
        return restore(snapshot, new SettlementWindows(SettlementPayments.DAY, 0));
    }

    /** A harness with these windows (and zones), restored from a snapshot, then opened. */
    static SettlementHarness restore(OperatorSubtaskState snapshot, SettlementWindows windows) throws Exception {
        SettlementHarness h = new SettlementHarness(new SettlementAggregator(windows, FEES, LATENESS, HORIZON, BATCH));
        h.harness.initializeState(snapshot);
        h.harness.open();
        return h;
    }

    SerializerConfig serializerConfig() {
        return harness.getExecutionConfig().getSerializerConfig();
    }

    /**
     * Sends payments as if read from one partition, whose watermark is the pipeline's: each is
     * stamped with the last watermark sent. Each payment's event time is its record timestamp.
     */
    SettlementHarness send(SettlementPayments... payments) throws Exception {
        return sendReadAt(watermark, payments);
    }

    /** Sends payments read when their own partition's watermark stood at {@code partitionWatermark}. */
    SettlementHarness sendReadAt(long partitionWatermark, SettlementPayments... payments) throws Exception {
        for (SettlementPayments payment : payments) {
            ScoredPayment p = payment.build(partitionWatermark);
            harness.processElement(p, p.payment().eventTimeMillis());
        }
        return this;
    }

    void watermark(long eventTimeMillis) throws Exception {
        watermark = eventTimeMillis;
        harness.processWatermark(eventTimeMillis);
    }

    /** Every settlement emitted so far, in order. */
    List<Settlement> settlements() {
        return harness.extractOutputValues();
    }

    List<SettlementOverflow> overflows() {
        return Harnesses.sideOutputValues(harness, SettlementAggregator.OVERFLOWS);
    }

    List<ScoredPayment> beyondHorizon() {
        return Harnesses.sideOutputValues(harness, SettlementAggregator.BEYOND_HORIZON);
    }

    long counter(String name) {
        Counter counter = (Counter) metrics.get(name);
        return counter == null ? -1 : counter.getCount();
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        try {
            harness.close();
        } finally {
            environment.close();
        }
    }
}
