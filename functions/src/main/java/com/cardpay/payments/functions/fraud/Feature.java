package com.cardpay.payments.functions.fraud;

import com.cardpay.payments.functions.model.TokenizedPayment;

import java.util.Locale;
import java.util.function.Function;

/**
 * The features a fraud rule may name, with their types. A rule that names anything else is
 * rejected. Names are part of the rule language: add, never rename.
 */
public enum Feature {
    CARD_COUNT_SHORT("card.count_short", Type.NUMBER, v -> v.card().countShort()),
    CARD_COUNT_MEDIUM("card.count_medium", Type.NUMBER, v -> v.card().countMedium()),
    CARD_COUNT_LONG("card.count_long", Type.NUMBER, v -> v.card().countLong()),
    CARD_AMOUNT_SHORT("card.amount_short", Type.NUMBER, v -> v.card().amountShort()),
    CARD_AMOUNT_MEDIUM("card.amount_medium", Type.NUMBER, v -> v.card().amountMedium()),
    CARD_AMOUNT_LONG("card.amount_long", Type.NUMBER, v -> v.card().amountLong()),
    CARD_DISTINCT_MERCHANTS("card.distinct_merchants", Type.NUMBER, v -> v.card().distinctMerchants()),
    CARD_DISTINCT_COUNTRIES("card.distinct_countries", Type.NUMBER, v -> v.card().distinctCountries()),
    CARD_TESTING("card.card_testing", Type.BOOLEAN, v -> v.card().cardTesting()),
    CARD_SECONDS_SINCE_PREVIOUS("card.seconds_since_previous", Type.NUMBER, v -> v.card().secondsSincePrevious()),
    MERCHANT_AMOUNT_ZSCORE("merchant.amount_zscore", Type.NUMBER, v -> v.merchant().amountZScore()),
    MERCHANT_REFUND_RATIO("merchant.refund_ratio", Type.NUMBER, v -> v.merchant().refundRatio()),
    MERCHANT_CHARGEBACK_RATIO("merchant.chargeback_ratio", Type.NUMBER, v -> v.merchant().chargebackRatio()),
    MERCHANT_BASELINE_PAYMENTS("merchant.baseline_payments", Type.NUMBER, v -> v.merchant().baselinePayments()),
    GEO_CARD_MERCHANT_MISMATCH("geo.card_merchant_country_mismatch", Type.BOOLEAN,
            v -> !v.payment().cardCountry().equals(v.payment().merchantCountry())),
    GEO_IP_MISMATCH("geo.ip_country_mismatch", Type.BOOLEAN, v -> v.payment().ipCountry() != null
            && (!v.payment().ipCountry().equals(v.payment().cardCountry())
                    || !v.payment().ipCountry().equals(v.payment().merchantCountry()))),
    PAYMENT_AMOUNT_MINOR("payment.amount_minor", Type.NUMBER, v -> v.payment().amountMinor()),
    PAYMENT_TYPE("payment.type", Type.STRING, v -> v.payment().type().name()),
    PAYMENT_CURRENCY("payment.currency", Type.STRING, v -> v.payment().currency()),
    PAYMENT_CARD_COUNTRY("payment.card_country", Type.STRING, v -> v.payment().cardCountry()),
    PAYMENT_MERCHANT_COUNTRY("payment.merchant_country", Type.STRING, v -> v.payment().merchantCountry()),
    /** The amount is at or above its currency's large-payment threshold; false when the currency has none. */
    PAYMENT_LARGE_AMOUNT("payment.large_amount", Type.BOOLEAN, v -> v.card().largePayment()),
    /** The card's long-window amount in this currency is at or above the currency's limit; false when it has none. */
    CARD_AMOUNT_LONG_OVER_LIMIT("card.amount_long_over_limit", Type.BOOLEAN, v -> v.card().amountLongOverLimit()),
    /** Whether the payment's currency has fraud thresholds; without them the features that need them are off. */
    PAYMENT_CURRENCY_HAS_THRESHOLDS("payment.currency_has_thresholds", Type.BOOLEAN, v -> v.card().thresholdsKnown());

    /** What a feature's values are, and so which comparisons a rule may make on it. */
    public enum Type { NUMBER, BOOLEAN, STRING }

    /** Everything a feature can be computed from. */
    public record Values(TokenizedPayment payment, CardFeatures card, MerchantFeatures merchant) {}

    private final String featureName;
    private final Type type;
    private final Function<Values, Object> extractor;

    Feature(String featureName, Type type, Function<Values, Object> extractor) {
        this.featureName = featureName;
        this.type = type;
        this.extractor = extractor;
    }

    public String featureName() {
        return featureName;
    }

    public Type type() {
        return type;
    }

    /** The value: a {@link Number}, a {@link Boolean} or a {@link String}, per {@link #type()}. */
    public Object valueOf(Values values) {
        return extractor.apply(values);
    }

    /** The feature with this rule-language name, or null. */
    public static Feature byName(String name) {
        for (Feature f : values()) {
            if (f.featureName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
