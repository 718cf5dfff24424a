package com.cardpay.payments.functions.fraud;

/**
 * How this payment compares with its merchant's history, from state keyed by merchant. These are
 * statistics, hence doubles; money itself is never held in floating point.
 *
 * <p>Two documented defaults (flink-k8s/DEGRADATION.md): {@link #NO_PROFILE}, for a merchant the
 * scoring operator has no history of, and {@link #UNAVAILABLE}, for a payment whose merchant
 * feature calculation failed. Both are neutral: no merchant rule can match on them.
 *
 * @param amountZScore how many standard deviations this amount stands from the merchant's
 *     exponentially weighted mean for the currency (0 until the baseline has enough payments)
 * @param refundRatio decayed refunds over decayed purchases
 * @param chargebackRatio decayed chargebacks over decayed purchases
 * @param baselinePayments payments behind the currency baseline
 * @param unavailable the calculation failed and the other values are the neutral defaults, not
 *     the merchant's (written as {@code merchant_features_unavailable} on {@code payments.scored})
 */
public record MerchantFeatures(double amountZScore, double refundRatio, double chargebackRatio, long baselinePayments,
        boolean unavailable) {
    /** A merchant without a profile: no baseline, no refunds, no chargebacks. */
    public static final MerchantFeatures NO_PROFILE = new MerchantFeatures(0.0, 0.0, 0.0, 0L);
    /** The calculation failed: the neutral values of {@link #NO_PROFILE}, marked. */
    public static final MerchantFeatures UNAVAILABLE = new MerchantFeatures(0.0, 0.0, 0.0, 0L, true);

    /** Features that were calculated. */
    public MerchantFeatures(double amountZScore, double refundRatio, double chargebackRatio, long baselinePayments) {
        this(amountZScore, refundRatio, chargebackRatio, baselinePayments, false);
    }
}
