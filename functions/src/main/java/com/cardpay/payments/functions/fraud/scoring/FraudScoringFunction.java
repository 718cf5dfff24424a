package com.cardpay.payments.functions.fraud.scoring;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.Decision;
import com.cardpay.payments.functions.fraud.Feature;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.RuleStatus;
import com.cardpay.payments.functions.fraud.RuleUpdate;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.ShadowHit;
import com.cardpay.payments.functions.fraud.features.MerchantFeatureCalculator;
import com.cardpay.payments.functions.fraud.features.MerchantProfile;
import com.cardpay.payments.functions.fraud.rules.Evaluation;
import com.cardpay.payments.functions.fraud.rules.FraudRule;
import com.cardpay.payments.functions.fraud.rules.RuleBook;
import com.cardpay.payments.functions.fraud.rules.RuleParser;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException;
import com.cardpay.payments.functions.fraud.rules.StoredRule;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Scores payments, keyed by merchant, against the fraud rules in force.
 *
 * <ul>
 *   <li>Keyed state: the merchant's {@link MerchantProfile} (amount baseline per currency, decayed
 *       refund and chargeback counts), with a TTL of {@code merchantStateTtl}.
 *   <li>Broadcast state: the accepted rule updates, as {@link StoredRule}s (id, version, canonical
 *       JSON), so the rules in force survive restarts and savepoints. The rules in force are the
 *       default set shipped in the jar, overlaid by these updates.
 * </ul>
 *
 * A rule update that is malformed, names an unknown feature or goes back in version is rejected:
 * it changes nothing, and a {@link RuleStatus} says why on {@link #RULE_STATUS}. The job never
 * fails on a rule. Statuses come from subtask 0 only (every subtask sees every update).
 */
public final class FraudScoringFunction
        extends KeyedBroadcastProcessFunction<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, StoredRule> RULES =
            new MapStateDescriptor<>("fraud-rules", Types.STRING, TypeInformation.of(StoredRule.class));
    public static final OutputTag<RuleStatus> RULE_STATUS = new OutputTag<>("fraud-rule-status") {};

    private final FraudSettings settings;
    private transient ValueState<MerchantProfile> profiles;
    private transient MerchantFeatureCalculator merchants;
    private transient RuleParser parser;
    private transient RuleBook book;
    private transient Map<Decision, Counter> decisions;
    private transient Map<String, Counter> ruleHits;
    private transient Counter rejectedUpdates;
    private transient Histogram scoringNanos;
    private transient MetricGroup metrics;

    public FraudScoringFunction(FraudSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<MerchantProfile> descriptor =
                new ValueStateDescriptor<>("merchant-profile", TypeInformation.of(MerchantProfile.class));
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(settings.merchantStateTtl())
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(10, false)
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        profiles = getRuntimeContext().getState(descriptor);
        merchants = new MerchantFeatureCalculator(settings);
        parser = new RuleParser();
        metrics = getRuntimeContext().getMetricGroup();
        decisions = new EnumMap<>(Decision.class);
        for (Decision d : Decision.values()) {
            Counter c = metrics.addGroup("decision", d.name()).counter("payments_fraud_decisions");
            metrics.addGroup("decision", d.name()).meter("payments_fraud_decisions_per_second", new MeterView(c));
            decisions.put(d, c);
        }
        ruleHits = new HashMap<>();
        rejectedUpdates = metrics.counter("payments_fraud_rule_updates_rejected");
        scoringNanos = metrics.histogram("payments_fraud_scoring_nanos", new DescriptiveStatisticsHistogram(1000));
    }

    @Override
    public void processElement(CardFeaturedPayment in, ReadOnlyContext ctx, Collector<ScoredPayment> out) throws Exception {
        long start = System.nanoTime();
        if (book == null) {
            book = rulesInForce(ctx.getBroadcastState(RULES));
        }
        TokenizedPayment payment = in.payment();
        MerchantProfile profile = profiles.value();
        MerchantFeatures merchant = merchants.featuresFor(profile, payment);
        profiles.update(merchants.update(profile, payment));

        Evaluation evaluation = book.evaluate(new Feature.Values(payment, in.card(), merchant), settings);
        decisions.get(evaluation.decision()).inc();
        for (Reason r : evaluation.reasons()) {
            hit(r.ruleId(), "active");
        }
        for (ShadowHit h : evaluation.shadowHits()) {
            hit(h.ruleId(), "shadow");
        }
        out.collect(new ScoredPayment(payment, in.card(), merchant, evaluation.score(), evaluation.decision(),
                evaluation.reasons(), evaluation.shadowHits(), evaluation.rulesVersion(), ctx.currentProcessingTime()));
        scoringNanos.update(System.nanoTime() - start);
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<ScoredPayment> out) throws Exception {
        BroadcastState<String, StoredRule> stored = ctx.getBroadcastState(RULES);
        if (book == null) {
            book = rulesInForce(stored);
        }
        RuleStatus status;
        try {
            // Also refuses a tombstone and a record whose key is not the rule id.
            FraudRule rule = parser.parse(update);
            RuleBook next = book.apply(rule);
            stored.put(rule.id(), rule.toStoredRule());
            book = next;
            status = new RuleStatus(rule.id(), rule.version(), true, "in force as " + rule.state(), book.rulesVersion(),
                    update.source());
        } catch (RuleRejectedException e) {
            status = new RuleStatus(e.ruleId() != null ? e.ruleId() : update.key(), e.version(), false, e.getMessage(),
                    book.rulesVersion(), update.source());
            if (isFirstSubtask()) {
                rejectedUpdates.inc();
            }
        }
        if (isFirstSubtask()) {
            ctx.output(RULE_STATUS, status);
        }
    }

    /** The defaults shipped in the jar, overlaid by the accepted updates in broadcast state. */
    private RuleBook rulesInForce(ReadOnlyBroadcastState<String, StoredRule> stored) throws Exception {
        RuleBook rules = RuleBook.withDefaults();
        for (Map.Entry<String, StoredRule> entry : stored.immutableEntries()) {
            FraudRule rule = parser.parse(entry.getValue());
            try {
                rules = rules.apply(rule);
            } catch (RuleRejectedException sameAsDefault) {
                // The stored update is the default itself (same id and version): already in force.
            }
        }
        return rules;
    }

    private void hit(String ruleId, String mode) {
        ruleHits.computeIfAbsent(ruleId + "/" + mode,
                k -> metrics.addGroup("rule_id", ruleId).addGroup("mode", mode).counter("payments_fraud_rule_hits")).inc();
    }

    private boolean isFirstSubtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }
}
