package com.cardpay.payments.functions.fraud.features;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;
import java.io.Serializable;

/**
 * The math of the per-merchant features, over a {@link MerchantProfile} that the caller keeps in
 * state keyed by {@code merchant_id}. Call {@link #featuresFor} first, then {@link #update}, so that
 * a payment is judged against the history before it.
 *
 * <ul>
 *   <li><b>Amount baseline</b>, per currency, from purchases only: an exponentially weighted mean
 *       and variance whose weights halve every {@code merchantBaselineHalfLife} purchases. Until
 *       that many purchases have been seen to make the weight settle, each new one weighs 1/n (a
 *       plain average), so the first amounts do not dominate for hundreds of payments.
 *   <li><b>Z-score</b>: (amount - mean) / standard deviation, signed, for any payment type,
 *       against the baseline of its currency before it; 0 while that baseline has fewer than
 *       {@code merchantMinBaseline} purchases. The deviation is taken to be at least 1 % of the
 *       mean (and one minor unit), so a merchant with a single fixed price gets large but finite
 *       scores when the price changes.
 *   <li><b>Refund and chargeback ratios</b>: decayed refunds (chargebacks) over decayed purchases,
 *       at least one purchase, before this payment. Counts halve every
 *       {@code merchantRatioHalfLife} of event time; a payment that arrives out of order is added
 *       with the weight it would have had left by now.
 * </ul>
 *
 * <p>Not final: a test injects a calculator that throws, through {@code FraudScoringFunction}'s
 * constructor, to show that a bug here degrades scoring instead of stopping it.
 */
public class MerchantFeatureCalculator implements Serializable {
    private static final long serialVersionUID = 1L;

    static final double MIN_RELATIVE_STD = 0.01;

    private final double alpha;
    private final double ratioHalfLifeMillis;
    private final long minBaseline;

    public MerchantFeatureCalculator(FraudSettings settings) {
        Preconditions.checkArgument(settings.merchantBaselineHalfLife() >= 1,
                "merchantBaselineHalfLife must be at least 1, got %s", settings.merchantBaselineHalfLife());
        Preconditions.checkArgument(settings.merchantRatioHalfLife().toMillis() > 0,
                "merchantRatioHalfLife must be positive, got %s", settings.merchantRatioHalfLife());
        Preconditions.checkArgument(settings.merchantMinBaseline() >= 0,
                "merchantMinBaseline must not be negative, got %s", settings.merchantMinBaseline());
        this.alpha = 1.0 - Math.pow(0.5, 1.0 / settings.merchantBaselineHalfLife());
        this.ratioHalfLifeMillis = settings.merchantRatioHalfLife().toMillis();
        this.minBaseline = settings.merchantMinBaseline();
    }

    /** How the payment compares with the merchant's history; a null profile is a merchant without one. */
    public MerchantFeatures featuresFor(@Nullable MerchantProfile profile, TokenizedPayment p) {
        if (profile == null) {
            return MerchantFeatures.NO_PROFILE;
        }
        int i = profile.indexOf(p.currency());
        long n = i < 0 ? 0L : profile.counts[i];
        double z = 0.0;
        if (hasBaseline(n)) {
            double mean = profile.means[i];
            double std = Math.max(Math.sqrt(profile.variances[i]), Math.max(1.0, MIN_RELATIVE_STD * Math.abs(mean)));
            z = (p.amountMinor() - mean) / std;
        }
        // the common decay cancels in the ratios except against the floor of one purchase
        double decay = decayFactor(profile.decayedAt, p.eventTimeMillis());
        double purchases = Math.max(1.0, profile.purchases * decay);
        return new MerchantFeatures(z, profile.refunds * decay / purchases, profile.chargebacks * decay / purchases, n);
    }

    /**
     * Whether these features were judged against a currency baseline (at least
     * {@code merchantMinBaseline} purchases, and at least one); without one the z-score is 0.
     */
    public boolean hasBaseline(MerchantFeatures features) {
        return !features.unavailable() && hasBaseline(features.baselinePayments());
    }

    private boolean hasBaseline(long baselinePayments) {
        return baselinePayments > 0 && baselinePayments >= minBaseline;
    }

    /** The profile with this payment added; the given profile (null for none) is left unchanged. */
    public MerchantProfile update(@Nullable MerchantProfile profile, TokenizedPayment p) {
        MerchantProfile next = profile == null ? new MerchantProfile() : profile.copy();
        long t = p.eventTimeMillis();
        double weight = 1.0;
        if (next.decayedAt == Long.MIN_VALUE || t >= next.decayedAt) {
            double decay = decayFactor(next.decayedAt, t);
            next.purchases *= decay;
            next.refunds *= decay;
            next.chargebacks *= decay;
            next.decayedAt = t;
        } else {
            weight = Math.pow(0.5, (next.decayedAt - t) / ratioHalfLifeMillis);
        }
        switch (p.type()) {
            case PURCHASE -> {
                next.purchases += weight;
                addToBaseline(next, p.currency(), p.amountMinor(), t);
            }
            case REFUND -> next.refunds += weight;
            case CHARGEBACK -> next.chargebacks += weight;
        }
        return next;
    }

    private void addToBaseline(MerchantProfile profile, String currency, long amountMinor, long t) {
        int i = profile.indexOf(currency);
        if (i < 0) {
            i = profile.addCurrency(currency, t);
        }
        long n = ++profile.counts[i];
        double a = Math.max(alpha, 1.0 / n);
        double diff = amountMinor - profile.means[i];
        double increment = a * diff;
        profile.means[i] += increment;
        // West's incremental weighted variance; with a = 1/n it is exactly the population variance
        profile.variances[i] = (1.0 - a) * (profile.variances[i] + diff * increment);
        profile.lastSeen[i] = Math.max(profile.lastSeen[i], t);
    }

    /** How much of a count at {@code from} is left at {@code to}; 1 when {@code to} is not later. */
    private double decayFactor(long from, long to) {
        if (from == Long.MIN_VALUE || to <= from) {
            return 1.0;
        }
        return Math.pow(0.5, (to - from) / ratioHalfLifeMillis);
    }
}
