package com.cardpay.payments.functions.fraud.scoring;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.rules.StoredRule;
import com.cardpay.payments.functions.model.MessageHeaders;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.SourcePosition;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.testutils.Harnesses;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scoring operator in a harness like Flink's {@code KeyedBroadcastOperatorTestHarness} (keyed
 * by merchant, rules on the broadcast input), but with a chosen subtask and parallelism and with
 * its metrics readable; generic types (Kryo) are disabled, as in the job.
 */
final class ScoringHarness extends AbstractStreamOperatorTestHarness<ScoredPayment> {
    static final int MAX_PARALLELISM = 128;
    static final CardFeatures QUIET_CARD = new CardFeatures(1, 1, 1, 1000, 1000, 1000, 1, 1, false, -1);
    static final SourcePosition RULES_TOPIC = new SourcePosition("payments.fraud-rules", 0, 7, 0);
    private static final AtomicLong IDS = new AtomicLong();
    private static final KeySelector<CardFeaturedPayment, String> BY_MERCHANT = p -> p.payment().merchantId();

    private final CoBroadcastWithKeyedOperator<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> operator;
    private final MockEnvironment environment;
    private final InterceptingOperatorMetricGroup metrics;
    private long timestamp;

    private ScoringHarness(CoBroadcastWithKeyedOperator<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> operator,
            MockEnvironment environment, InterceptingOperatorMetricGroup metrics) throws Exception {
        super(operator, environment);
        this.operator = operator;
        this.environment = environment;
        this.metrics = metrics;
        ((SerializerConfigImpl) getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        config.setStatePartitioner(0, BY_MERCHANT);
        config.setStateKeySerializer(StringSerializer.INSTANCE);
        config.serializeAllConfigs();
    }

    /** Subtask {@code subtask} of {@code parallelism}, with default settings; not opened yet. */
    static ScoringHarness of(int subtask, int parallelism) throws Exception {
        return of(subtask, parallelism, new FraudScoringFunction(FraudSettings.defaults()));
    }

    /** Subtask {@code subtask} of {@code parallelism}, running {@code function}; not opened yet. */
    static ScoringHarness of(int subtask, int parallelism, FraudScoringFunction function) throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment environment = new MockEnvironmentBuilder().setParallelism(parallelism).setSubtaskIndex(subtask)
                .setMaxParallelism(MAX_PARALLELISM)
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> info) {
                        return metrics;
                    }
                }).build();
        return new ScoringHarness(new CoBroadcastWithKeyedOperator<>(function,
                List.of(FraudScoringFunction.RULES)), environment, metrics);
    }

    /** Restored from {@code snapshot}, then opened. */
    static ScoringHarness restored(OperatorSubtaskState snapshot, int subtask, int parallelism) throws Exception {
        ScoringHarness h = of(subtask, parallelism);
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    /**
     * A snapshot whose broadcast state holds exactly these rules, written as they are, without the
     * parser: as an older version of the job, with a looser parser, would have stored them.
     */
    static OperatorSubtaskState snapshotHolding(StoredRule... rules) throws Exception {
        try (ScoringHarness h = of(0, 1)) {
            h.open();
            for (StoredRule rule : rules) {
                h.operator.getOperatorStateBackend().getBroadcastState(FraudScoringFunction.RULES).put(rule.id(), rule);
            }
            return h.snapshot(1, 1);
        }
    }

    ScoringHarness pay(long amountMinor) throws Exception {
        return pay(amountMinor, "EUR", null);
    }

    /** A purchase of merchant m-1; {@code ipCountry} may be null, as the contract allows. */
    ScoringHarness pay(long amountMinor, String currency, String ipCountry) throws Exception {
        TokenizedPayment p = new TokenizedPayment("pay-" + IDS.incrementAndGet(), "m-1", PaymentType.PURCHASE,
                amountMinor, currency, "tok_v1_card", 1, "411111", "1111", "DE", "DE", ipCountry, null,
                1_795_515_330_123L, null, 1L, new SourcePosition("payments.raw", 0, 1, 0), MessageHeaders.EMPTY);
        StreamRecord<CardFeaturedPayment> record = new StreamRecord<>(new CardFeaturedPayment(p, QUIET_CARD), ++timestamp);
        operator.setKeyContextElement1(record);
        operator.processElement1(record);
        return this;
    }

    /** A record of the rules topic, keyed by the rule's id as the contract says. */
    ScoringHarness publish(String ruleId, String json) throws Exception {
        StreamRecord<RuleUpdate> record = new StreamRecord<>(new RuleUpdate(ruleId, json, RULES_TOPIC), ++timestamp);
        operator.setKeyContextElement2(record);
        operator.processElement2(record);
        return this;
    }

    List<ScoredPayment> scored() {
        return extractOutputValues();
    }

    List<RuleStatus> statuses() {
        return Harnesses.sideOutputValues(this, FraudScoringFunction.RULE_STATUS);
    }

    /** The counter's value, or -1 when no counter has that name. */
    long counter(String name) {
        Counter counter = (Counter) metrics.get(name);
        return counter == null ? -1 : counter.getCount();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            environment.close();
        }
    }
}
