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
import com.cardpay.payments.functions.fraud.rules.RestoredRules;
import com.cardpay.payments.functions.fraud.rules.RuleBook;
import com.cardpay.payments.functions.fraud.rules.RuleParser;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException;
import com.cardpay.payments.functions.fraud.rules.RuleRejectedException.Category;
import com.cardpay.payments.functions.fraud.rules.StoredRule;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.tracing.PaymentSpans;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
 * it changes nothing, and a {@link RuleStatus} says why on {@link #RULE_STATUS}. A stored rule that
 * this version's parser rejects on restore is skipped ({@link RestoredRules}) and reported the same
 * way, with origin {@code RESTORE}. The job never fails on a rule. Statuses come from subtask 0 only
 * (every subtask sees every update and restores the same broadcast state).
 */
public final class FraudScoringFunction
        extends KeyedBroadcastProcessFunction<String, CardFeaturedPayment, RuleUpdate, ScoredPayment> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FraudScoringFunction.class);

    public static final MapStateDescriptor<String, StoredRule> RULES =
            new MapStateDescriptor<>("fraud-rules", Types.STRING, TypeInformation.of(StoredRule.class));
    public static final OutputTag<RuleStatus> RULE_STATUS = new OutputTag<>("fraud-rule-status") {};

    private final FraudSettings settings;
    private transient ValueState<MerchantProfile> profiles;
    private final MerchantFeatureCalculator merchants;
    private transient RuleParser parser;
    private transient RuleBook book;
    private transient Map<Decision, Counter> decisions;
    private transient Map<String, Counter> ruleHits;
    private transient Counter rejectedUpdates;
    private transient Counter rejectedOnRestore;
    private transient Histogram scoringNanos;
    private transient PaymentSpans spans;
    private transient MetricGroup metrics;
    // Degraded defaults (flink-k8s/DEGRADATION.md), each counted.
    private transient Counter withoutMerchantBaseline;
    private transient Counter merchantFeaturesFailed;
    private transient Counter withoutIpCountry;
    private transient long merchantFailures;

    public FraudScoringFunction(FraudSettings settings) {
        this(settings, new MerchantFeatureCalculator(settings));
    }

    /** With this merchant feature calculation: the seam through which a test injects one that fails. */
    FraudScoringFunction(FraudSettings settings, MerchantFeatureCalculator merchants) {
        this.settings = settings;
        this.merchants = merchants;
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
        rejectedOnRestore = metrics.counter("payments_fraud_rules_rejected_on_restore");
        scoringNanos = metrics.histogram("payments_fraud_scoring_nanos", new DescriptiveStatisticsHistogram(1000));
        withoutMerchantBaseline = metrics.counter("payments_fraud_scored_without_merchant_baseline");
        merchantFeaturesFailed = metrics.counter("payments_fraud_merchant_features_failed");
        withoutIpCountry = metrics.counter("payments_fraud_scored_without_ip_country");
        spans = PaymentSpans.open(getRuntimeContext());
    }

    @Override
    public void processElement(CardFeaturedPayment in, ReadOnlyContext ctx, Collector<ScoredPayment> out) throws Exception {
        long start = System.nanoTime();
        if (book == null) {
            book = rulesInForce(ctx.getBroadcastState(RULES), s -> ctx.output(RULE_STATUS, s));
        }
        TokenizedPayment payment = in.payment();
        MerchantFeatures merchant = merchantFeatures(payment);
        if (payment.ipCountry() == null) {
            withoutIpCountry.inc(); // geo.ip_country_mismatch is false: no IP rule can match
        }

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
        spans.scoring(payment, evaluation.decision(), evaluation.score(), start);
    }

    /**
     * The merchant's features for this payment, its profile updated with it. A non-critical part
     * (flink-k8s/DEGRADATION.md): without a baseline the z-score is 0 (counted); an exception in
     * the calculation (a bug) gives {@link MerchantFeatures#UNAVAILABLE}, leaves the profile as it
     * was, and is counted and logged, and the payment is scored on its other features.
     *
     * <p>Risk decision: without merchant features no merchant rule (merchant-outlier,
     * refund-heavy-merchant, chargeback-heavy-merchant) can match, so a payment one of them would
     * have sent to REVIEW or DECLINE may be approved. Taken because the alternative, failing the
     * task, is a poison pill: the same payment fails it again after every restart and no payment
     * of the job moves, while the card, geography and amount rules still judge this one. It is not
     * silent: the record carries {@code merchant_features_unavailable}, the counter
     * {@code payments_fraud_merchant_features_failed} rises and FraudMerchantFeaturesFailing fires.
     * Only the calculation is guarded: a failure of the state backend itself (value, update) still
     * fails the task, as for every stateful operator.
     */
    private MerchantFeatures merchantFeatures(TokenizedPayment payment) throws Exception {
        MerchantProfile profile = profiles.value();
        MerchantFeatures features;
        MerchantProfile next;
        try {
            features = merchants.featuresFor(profile, payment);
            next = merchants.update(profile, payment);
        } catch (RuntimeException e) {
            merchantFeaturesFailed.inc();
            // Logged at the 1st, 2nd, 4th, 8th... failure of this subtask: a bug that hits every
            // payment must not write a stack trace per payment.
            if (Long.bitCount(++merchantFailures) == 1) {
                LOG.error("Merchant features failed for a payment of merchant {} (read from {} partition {} offset {});"
                        + " scored with neutral merchant features, profile unchanged. Failures on this subtask so far: {}",
                        payment.merchantId(), payment.source().topic(), payment.source().partition(),
                        payment.source().offset(), merchantFailures, withoutMessage(e));
            }
            return MerchantFeatures.UNAVAILABLE;
        }
        profiles.update(next);
        if (!merchants.hasBaseline(features)) {
            withoutMerchantBaseline.inc();
        }
        return features;
    }

    /**
     * The exception's class and stack trace without its message and causes: a message may quote
     * the payment's fields (BIN, last four), and a log line must hold no card data.
     */
    static Throwable withoutMessage(Throwable e) {
        Throwable logged = new MerchantFeaturesFailure(e.getClass().getName());
        logged.setStackTrace(e.getStackTrace());
        return logged;
    }

    /** What the log shows of a failed merchant feature calculation: its type and where. */
    private static final class MerchantFeaturesFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MerchantFeaturesFailure(String exceptionClass) {
            super(exceptionClass + " (message left out: it may quote payment fields)", null, false, true);
        }
    }

    @Override
    public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<ScoredPayment> out) throws Exception {
        BroadcastState<String, StoredRule> stored = ctx.getBroadcastState(RULES);
        if (book == null) {
            book = rulesInForce(stored, s -> ctx.output(RULE_STATUS, s));
        }
        RuleStatus status;
        try {
            // Also refuses a tombstone and a record whose key is not the rule id.
            FraudRule rule = parser.parse(update);
            refuseVersionOfUnrestoredRule(rule, stored.get(rule.id()));
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

    /**
     * The defaults shipped in the jar, overlaid by the accepted updates in broadcast state; stored
     * rules this parser rejects are skipped and reported.
     *
     * <p>Built on the first element after a (re)start, not in {@code open()}: broadcast state is
     * readable only through an element's context, and so is the status side output. Reporting
     * here, straight from the element that needs the rules, avoids a queue of reports kept from
     * {@code initializeState} until the next element. Every subtask restores the same broadcast
     * state and skips the same rules; only subtask 0 reports and counts them, once per restore,
     * with its first payment or rule update.
     */
    private RuleBook rulesInForce(ReadOnlyBroadcastState<String, StoredRule> stored, Consumer<RuleStatus> report)
            throws Exception {
        List<StoredRule> rules = new ArrayList<>();
        for (Map.Entry<String, StoredRule> entry : stored.immutableEntries()) {
            rules.add(entry.getValue());
        }
        RestoredRules restored = RestoredRules.from(rules, parser);
        for (RestoredRules.Skipped skipped : restored.skipped()) {
            LOG.warn("Fraud rule {} v{} kept in broadcast state was not restored: {}", skipped.ruleId(),
                    skipped.version(), skipped.message());
            if (isFirstSubtask()) {
                rejectedOnRestore.inc();
                report.accept(RuleStatus.rejectedOnRestore(skipped.ruleId(), skipped.version(), skipped.message(),
                        restored.book().rulesVersion()));
            }
        }
        return restored.book();
    }

    /**
     * A stored rule that could not be restored still holds its version: an update must go above
     * it, or two different rules would have shared one version. (Otherwise the stored rule is the
     * one in force, and {@link RuleBook#apply} checks the version.)
     */
    private void refuseVersionOfUnrestoredRule(FraudRule update, @Nullable StoredRule stored) throws RuleRejectedException {
        if (stored == null || update.version() > stored.version()) {
            return;
        }
        int inForce = book.rule(update.id()).map(FraudRule::version).orElse(0);
        if (inForce < stored.version()) {
            throw new RuleRejectedException(Category.VERSION, update.id(), update.version(),
                    "version " + update.version() + " is not above version " + stored.version()
                            + ", which is kept in state but could not be restored; publish the rule as version "
                            + (stored.version() + 1L));
        }
    }

    private void hit(String ruleId, String mode) {
        ruleHits.computeIfAbsent(ruleId + "/" + mode,
                k -> metrics.addGroup("rule_id", ruleId).addGroup("mode", mode).counter("payments_fraud_rule_hits")).inc();
    }

    private boolean isFirstSubtask() {
        return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    }
}
