package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;
import java.util.Map;

/**
 * A {@link CardFeaturesFunction} in Flink's keyed operator harness, keyed by card token as in the
 * job, with shortcuts: send a payment (its event time is the record timestamp) and get its features.
 */
final class CardHarness implements AutoCloseable {
    final KeyedOneInputStreamOperatorTestHarness<String, TokenizedPayment, CardFeaturedPayment> harness;
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();

    private CardHarness(FraudSettings settings) throws Exception {
        MockEnvironment environment = new MockEnvironmentBuilder().setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                        return metrics;
                    }
                }).build();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CardFeaturesFunction(settings)), TokenizedPayment::cardToken, Types.STRING,
                environment);
    }

    /** The count of a counter the function registered, or -1 when it registered none by that name. */
    long counter(String name) {
        Counter counter = (Counter) metrics.get(name);
        return counter == null ? -1 : counter.getCount();
    }

    /** An opened harness with {@link FraudSettings#defaults()}. */
    static CardHarness open() throws Exception {
        return open(FraudSettings.defaults());
    }

    static CardHarness open(FraudSettings settings) throws Exception {
        CardHarness h = new CardHarness(settings);
        h.harness.open();
        return h;
    }

    /** A harness restored from a snapshot, then opened. */
    static CardHarness restore(OperatorSubtaskState snapshot) throws Exception {
        return restore(snapshot, FraudSettings.defaults());
    }

    /** A harness restored from a snapshot under {@code settings}, then opened. */
    static CardHarness restore(OperatorSubtaskState snapshot, FraudSettings settings) throws Exception {
        CardHarness h = new CardHarness(settings);
        h.harness.initializeState(snapshot);
        h.harness.open();
        return h;
    }

    /** Sends the payment and returns the features emitted with it. */
    CardFeatures send(FeaturePayments payment) throws Exception {
        TokenizedPayment p = payment.build();
        harness.processElement(p, p.eventTimeMillis());
        List<CardFeaturedPayment> out = harness.extractOutputValues();
        CardFeaturedPayment last = out.get(out.size() - 1);
        if (!last.payment().equals(p)) {
            throw new AssertionError("no output for " + p.paymentId());
        }
        return last.card();
    }

    void watermark(long eventTimeMillis) throws Exception {
        harness.processWatermark(eventTimeMillis);
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
