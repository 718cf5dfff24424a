package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.CardFeaturedPayment;
import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.CurrencyThresholds;
import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.Preconditions;

/**
 * Per-card fraud features, keyed by {@code card_token}, in event time: each payment leaves with
 * its {@link CardFeatures}, computed as of its own event time and including itself.
 *
 * <ul>
 *   <li><b>Velocity</b> (count and amount over the short, medium and long windows: by default the
 *       last minute, hour and 24 hours) counts every payment type: refunds and chargebacks are card
 *       activity too, and rules can still tell types apart through {@code payment.type}. Windows
 *       are whole buckets; see {@link VelocityWindow}.
 *   <li><b>Distinct merchants and merchant countries</b> over the distinct window (by default the
 *       last hour; exact in time, at
 *       most {@link RecentValues#CAPACITY}), also over every type.
 *   <li><b>Amounts</b> over the same windows are in the payment's own currency only (see
 *       {@link CardActivity#amountsByCurrency}): two currencies are never added.
 *   <li><b>Card testing</b> looks at purchases only: a purchase of at least its currency's
 *       card-testing large amount that follows at least {@code cardTestingSmallCount} purchases of
 *       at most their currency's small amount within {@code cardTestingWindow} (inclusive) is
 *       flagged. The small purchases themselves are not.
 *   <li><b>Thresholds per currency</b> ({@link CurrencyThresholds}): card testing,
 *       {@code payment.large_amount} and {@code card.amount_long_over_limit} compare amounts with
 *       the thresholds of the payment's currency. A currency without thresholds turns them off
 *       (false), counts the payment in {@value #FEATURES_OFF_METRIC} and
 *       marks its features ({@code thresholdsKnown} false), which the scored record reports.
 *   <li><b>Seconds since previous</b>: to the newest earlier payment of the card, whatever its
 *       type, in whole seconds; -1 when there is none within the state's horizon, and also when a
 *       payment arrives behind more than the {@value CardActivity#RECENT_TIMES} newest payments of
 *       its card, whose predecessor is then no longer known.
 * </ul>
 *
 * <p>State: one {@link CardActivity} per card, fixed-size. Payments may arrive out of order: each
 * lands in its own buckets, and one up to {@link VelocityWindow#LATE_HEADROOM_MILLIS} behind the
 * card's newest payment gets exact features. An even older one counts only in the rings that still
 * cover its time (and always in its own features).
 *
 * <p>Cleanup: one event-time timer per card, at newest event time + the longest of the long, distinct and card-testing windows
 * + {@link VelocityWindow#LATE_HEADROOM_MILLIS}. By then nothing in the state can count for an on-time
 * payment, so the timer clears it. A newer payment moves the timer (the old one is deleted), so a
 * card has at most one timer.
 */
public final class CardFeaturesFunction extends KeyedProcessFunction<String, TokenizedPayment, CardFeaturedPayment> {
    private static final long serialVersionUID = 1L;

    static final String STATE_NAME = "card-activity";
    /** Payments whose currency has no fraud thresholds, so that their threshold features were off. */
    public static final String FEATURES_OFF_METRIC = "payments_fraud_features_off_no_thresholds";

    private final FraudSettings settings;
    private final CardWindows windows;
    private final long retentionMillis;
    private transient ValueState<CardActivity> activity;
    private transient Counter featuresOff;

    public CardFeaturesFunction(FraudSettings settings) {
        Preconditions.checkArgument(settings.cardTestingSmallCount() >= 1,
                "cardTestingSmallCount must be at least 1, got %s", settings.cardTestingSmallCount());
        Preconditions.checkArgument(!settings.cardTestingWindow().isNegative() && !settings.cardTestingWindow().isZero(),
                "cardTestingWindow must be positive, got %s", settings.cardTestingWindow());
        Preconditions.checkArgument(!settings.distinctWindow().isNegative() && !settings.distinctWindow().isZero(),
                "distinctWindow must be positive, got %s", settings.distinctWindow());
        this.settings = settings;
        this.windows = CardWindows.of(settings);
        long longest = Math.max(windows.longWindow().windowMillis(),
                Math.max(settings.cardTestingWindow().toMillis(), settings.distinctWindow().toMillis()));
        this.retentionMillis = longest + VelocityWindow.LATE_HEADROOM_MILLIS;
    }

    @Override
    public void open(OpenContext openContext) {
        activity = getRuntimeContext().getState(
                new ValueStateDescriptor<>(STATE_NAME, CardActivitySerializer.INSTANCE));
        // one counter, no currency label: the scored record names the currency (features_off)
        featuresOff = getRuntimeContext().getMetricGroup().counter(FEATURES_OFF_METRIC);
    }

    @Override
    public void processElement(TokenizedPayment payment, Context ctx, Collector<CardFeaturedPayment> out) throws Exception {
        CardActivity card = activity.value();
        if (card == null) {
            card = new CardActivity();
        }
        long latestBefore = card.latestEventTime();
        CardFeatures features = card.record(payment, settings, windows);
        activity.update(card);
        if (!features.thresholdsKnown()) {
            featuresOff.inc();
        }

        long latest = card.latestEventTime();
        if (latest != latestBefore) {
            if (latestBefore != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(cleanupTime(latestBefore));
            }
            ctx.timerService().registerEventTimeTimer(cleanupTime(latest));
        }
        out.collect(new CardFeaturedPayment(payment, features));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CardFeaturedPayment> out) throws Exception {
        CardActivity card = activity.value();
        // a stale timer (one a newer payment should have replaced) must not clear live state
        if (card != null && timestamp >= cleanupTime(card.latestEventTime())) {
            activity.clear();
        }
    }

    private long cleanupTime(long latestEventTime) {
        return latestEventTime + retentionMillis;
    }
}
