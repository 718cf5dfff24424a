package com.cardpay.payments.functions.fraud.rules;

import com.cardpay.payments.functions.fraud.Feature;

import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Primitive readers for NUMBER features, so that evaluating a rule boxes nothing.
 * {@link Feature#valueOf} stays the definition: {@code NumberReadersTest} checks that every reader
 * here agrees with it, and a NUMBER feature added to {@link Feature} without a case here still works
 * (through {@code valueOf}, as a decimal), only a little slower.
 */
final class NumberReaders {
    private NumberReaders() {}

    /** A reader of a whole-number feature, or null when the feature is decimal (or unknown here). */
    static ToLongFunction<Feature.Values> longReader(Feature feature) {
        return switch (feature) {
            case CARD_COUNT_SHORT -> v -> v.card().countShort();
            case CARD_COUNT_MEDIUM -> v -> v.card().countMedium();
            case CARD_COUNT_LONG -> v -> v.card().countLong();
            case CARD_AMOUNT_SHORT -> v -> v.card().amountShort();
            case CARD_AMOUNT_MEDIUM -> v -> v.card().amountMedium();
            case CARD_AMOUNT_LONG -> v -> v.card().amountLong();
            case CARD_DISTINCT_MERCHANTS -> v -> v.card().distinctMerchants();
            case CARD_DISTINCT_COUNTRIES -> v -> v.card().distinctCountries();
            case CARD_SECONDS_SINCE_PREVIOUS -> v -> v.card().secondsSincePrevious();
            case MERCHANT_BASELINE_PAYMENTS -> v -> v.merchant().baselinePayments();
            case PAYMENT_AMOUNT_MINOR -> v -> v.payment().amountMinor();
            default -> null;
        };
    }

    /** A reader of any NUMBER feature as a double. */
    static ToDoubleFunction<Feature.Values> doubleReader(Feature feature) {
        if (feature.type() != Feature.Type.NUMBER) {
            throw new IllegalArgumentException(feature + " is not a NUMBER feature");
        }
        ToLongFunction<Feature.Values> whole = longReader(feature);
        if (whole != null) {
            return v -> whole.applyAsLong(v);
        }
        return switch (feature) {
            case MERCHANT_AMOUNT_ZSCORE -> v -> v.merchant().amountZScore();
            case MERCHANT_REFUND_RATIO -> v -> v.merchant().refundRatio();
            case MERCHANT_CHARGEBACK_RATIO -> v -> v.merchant().chargebackRatio();
            default -> v -> ((Number) feature.valueOf(v)).doubleValue();
        };
    }
}
