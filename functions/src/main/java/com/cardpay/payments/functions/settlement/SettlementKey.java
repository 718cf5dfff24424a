package com.cardpay.payments.functions.settlement;

import com.cardpay.payments.functions.fraud.ScoredPayment;

import org.apache.flink.util.Preconditions;

import java.util.regex.Pattern;

/**
 * The key of the settlement stage: one settlement line per merchant and currency, so amounts in
 * different currencies never meet in one sum. The key is {@code currency + ":" + merchantId}; the
 * currency is always three upper-case letters, so the first four characters split it unambiguously
 * whatever the merchant id holds.
 */
public final class SettlementKey {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MERCHANT_FROM = 4;

    private SettlementKey() {}

    /** The key of the settlement line of {@code merchantId} in {@code currency}. */
    public static String of(String merchantId, String currency) {
        Preconditions.checkArgument(currency != null && CURRENCY.matcher(currency).matches(),
                "currency must be three upper-case letters, got %s", currency);
        Preconditions.checkArgument(merchantId != null && !merchantId.isEmpty(), "merchant id must not be empty");
        return currency + ":" + merchantId;
    }

    /** The key of the settlement line this payment belongs to. */
    public static String of(ScoredPayment payment) {
        return of(payment.payment().merchantId(), payment.payment().currency());
    }

    /** The currency part of a key made by {@link #of}. */
    public static String currencyOf(String key) {
        checkKey(key);
        return key.substring(0, MERCHANT_FROM - 1);
    }

    /** The merchant part of a key made by {@link #of}. */
    public static String merchantOf(String key) {
        checkKey(key);
        return key.substring(MERCHANT_FROM);
    }

    private static void checkKey(String key) {
        Preconditions.checkArgument(key.length() > MERCHANT_FROM && key.charAt(MERCHANT_FROM - 1) == ':'
                && CURRENCY.matcher(key.substring(0, MERCHANT_FROM - 1)).matches(),
                "not a settlement key: %s", key);
    }
}
