package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigKey.FRAUD_CARD_AMOUNT_LONG_LIMIT;
import static com.cardpay.payments.jobs.config.ConfigKey.FRAUD_CARD_TESTING_LARGE_AMOUNT;
import static com.cardpay.payments.jobs.config.ConfigKey.FRAUD_CARD_TESTING_SMALL_AMOUNT;
import static com.cardpay.payments.jobs.config.ConfigKey.FRAUD_LARGE_PAYMENT_AMOUNT;

import com.cardpay.payments.functions.fraud.CurrencyThresholds;
import com.cardpay.payments.functions.money.CurrencyAmounts;

/**
 * The fraud amount thresholds per currency, from the four {@code fraud.*-amount} / {@code *-limit}
 * keys. Each problem names its key: a table that does not parse, one that names other currencies
 * than {@code fraud.card-testing-small-amount}, a small amount not below the large one.
 */
final class FraudThresholdSettings {
    private FraudThresholdSettings() {}

    static CurrencyThresholds from(ConfigValues v) {
        CurrencyAmounts small = table(v, FRAUD_CARD_TESTING_SMALL_AMOUNT);
        CurrencyAmounts large = table(v, FRAUD_CARD_TESTING_LARGE_AMOUNT);
        CurrencyAmounts largePayment = table(v, FRAUD_LARGE_PAYMENT_AMOUNT);
        CurrencyAmounts longLimit = table(v, FRAUD_CARD_AMOUNT_LONG_LIMIT);
        if (small == null || large == null || largePayment == null || longLimit == null) {
            return CurrencyThresholds.defaults();
        }
        boolean sameCurrencies = true;
        for (var keyAndTable : new Object[][] {{FRAUD_CARD_TESTING_LARGE_AMOUNT, large},
                {FRAUD_LARGE_PAYMENT_AMOUNT, largePayment}, {FRAUD_CARD_AMOUNT_LONG_LIMIT, longLimit}}) {
            CurrencyAmounts table = (CurrencyAmounts) keyAndTable[1];
            if (!table.currencies().equals(small.currencies())) {
                v.problem((ConfigKey) keyAndTable[0], "must name the same currencies as "
                        + FRAUD_CARD_TESTING_SMALL_AMOUNT.key() + " " + small.currencies() + " (a currency has all four "
                        + "thresholds or none), got " + table.currencies());
                sameCurrencies = false;
            }
        }
        if (!sameCurrencies) {
            return CurrencyThresholds.defaults();
        }
        String problem = CurrencyThresholds.problem(small, large, largePayment, longLimit);
        if (problem != null) {
            v.problem(FRAUD_CARD_TESTING_SMALL_AMOUNT, problem);
            return CurrencyThresholds.defaults();
        }
        return new CurrencyThresholds(small, large, largePayment, longLimit);
    }

    private static CurrencyAmounts table(ConfigValues v, ConfigKey key) {
        String text = v.string(key);
        try {
            return CurrencyAmounts.parse(text);
        } catch (IllegalArgumentException e) {
            v.problem(key, e.getMessage());
            return null;
        }
    }
}
