package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigSamples.local;
import static com.cardpay.payments.jobs.config.ConfigSamples.rejected;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CurrencyThresholds;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

/** Fraud thresholds per currency from config: defaults for the common currencies, each problem named by its key. */
class FraudThresholdConfigTest {

    @Test
    void theDefaultsCoverTheCommonCurrenciesEachInItsMinorUnits() {
        CurrencyThresholds t = PaymentsConfig.from(local()).fraud().thresholds();

        assertThat(t.currencies()).containsExactly("AUD", "CAD", "CHF", "EUR", "GBP", "JPY", "USD");
        assertThat(t.forCurrency("EUR")).isEqualTo(new CurrencyThresholds.Scale(500, 50_000, 1_000_000, 2_000_000));
        assertThat(t.forCurrency("JPY")).isEqualTo(new CurrencyThresholds.Scale(800, 80_000, 1_600_000, 3_200_000));
        assertThat(t.forCurrency("SEK")).isNull();
    }

    @Test
    void aThreeDecimalCurrencyCanBeAdded() {
        Map<String, String> s = local();
        s.put("fraud.card-testing-small-amount", "5.00EUR/2.000BHD");
        s.put("fraud.card-testing-large-amount", "500.00EUR/200.000BHD");
        s.put("fraud.large-payment-amount", "10000.00EUR/4000.000BHD");
        s.put("fraud.card-amount-long-limit", "20000.00EUR/8000.000BHD");

        CurrencyThresholds t = PaymentsConfig.from(s).fraud().thresholds();
        assertThat(t.forCurrency("BHD")).isEqualTo(new CurrencyThresholds.Scale(2_000, 200_000, 4_000_000, 8_000_000));
        assertThat(t.forCurrency("USD")).as("no longer listed: its features are off").isNull();
    }

    @Test
    void tablesMustNameTheSameCurrencies() {
        Map<String, String> s = local();
        s.put("fraud.card-testing-small-amount", "5.00EUR/800JPY");
        s.put("fraud.card-testing-large-amount", "500.00EUR/80000JPY");
        s.put("fraud.large-payment-amount", "10000.00EUR");
        s.put("fraud.card-amount-long-limit", "20000.00EUR/3200000JPY");

        assertThat(rejected(s).problems()).containsExactly("fraud.large-payment-amount: must name the same currencies "
                + "as fraud.card-testing-small-amount [EUR, JPY] (a currency has all four thresholds or none), got [EUR]");
    }

    @Test
    void aSmallAmountMustBeBelowTheLargeOneInItsCurrency() {
        Map<String, String> s = local();
        s.put("fraud.card-testing-small-amount", "5.00EUR/900JPY");
        s.put("fraud.card-testing-large-amount", "500.00EUR/800JPY");
        s.put("fraud.large-payment-amount", "10000.00EUR/1600000JPY");
        s.put("fraud.card-amount-long-limit", "20000.00EUR/3200000JPY");

        assertThat(rejected(s).problems()).containsExactly("fraud.card-testing-small-amount: JPY: the card-testing small "
                + "amount 900JPY must be below the large amount 800JPY");
    }

    @Test
    void amountsWithoutTheirCurrencysDecimalsAreRefusedNamingTheKey() {
        Map<String, String> s = local();
        s.put("fraud.card-testing-small-amount", "500EUR");
        s.put("fraud.large-payment-amount", "1000000");

        assertThat(rejected(s).problems()).hasSize(2).anySatisfy(p -> assertThat(p)
                .startsWith("fraud.card-testing-small-amount: '500EUR': EUR has 2 decimals in ISO 4217"))
                .anySatisfy(p -> assertThat(p).startsWith("fraud.large-payment-amount: '1000000'"));
    }

    @Test
    void theOldSingleNumberKeysAreGone() {
        Map<String, String> s = local();
        s.put("fraud.small-amount-minor", "500");

        assertThat(rejected(s).problems()).singleElement().satisfies(p -> assertThat(p).contains("fraud.small-amount-minor"));
    }
}
