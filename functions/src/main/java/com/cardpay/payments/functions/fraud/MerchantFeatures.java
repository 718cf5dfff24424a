package com.cardpay.payments.functions.fraud;

/**
 * How this payment compares with its merchant's history, from state keyed by merchant. These are
 * statistics, hence doubles; money itself is never held in floating point.
 *
 * @param amountZScore how many standard deviations this amount stands from the merchant's
 *     exponentially weighted mean for the currency (0 until the baseline has enough payments)
 * @param refundRatio decayed refunds over decayed purchases
 * @param chargebackRatio decayed chargebacks over decayed purchases
 * @param baselinePayments payments behind the currency baseline
 */
public record MerchantFeatures(double amountZScore, double refundRatio, double chargebackRatio, long baselinePayments) {}
