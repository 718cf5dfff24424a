package com.cardpay.payments.functions.fraud.rules;

import static com.cardpay.payments.functions.fraud.rules.RuleFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.Reason;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/**
 * The default rules judge amounts against their own currency's thresholds: the same number of
 * minor units is large in EUR but not in JPY, and a currency without thresholds is judged by none
 * (its features are off) rather than by another currency's scale.
 */
class DefaultRulesPerCurrencyTest {
    private static final RuleBook BOOK = RuleBook.withDefaults();
    private static final FraudSettings SETTINGS = FraudSettings.defaults();

    private static String[] codes(RuleFixtures.Values v) {
        return Arrays.stream(BOOK.evaluate(v.build(), SETTINGS).reasons()).map(Reason::code).toArray(String[]::new);
    }

    @Test
    void aMillionMinorUnitsIsLargeInEuroButNotInYen() {
        assertThat(codes(values().amountMinor(1_000_000).currency("EUR"))).containsExactly("LARGE_AMOUNT");
        // JPY 1,000,000 is about EUR 6,000: below JPY's threshold of 1,600,000
        assertThat(codes(values().amountMinor(1_000_000).currency("JPY"))).isEmpty();
        assertThat(codes(values().amountMinor(1_600_000).currency("JPY"))).containsExactly("LARGE_AMOUNT");
    }

    @Test
    void theCardsDayIsJudgedInItsOwnCurrency() {
        assertThat(codes(values().amountLong(2_000_000).currency("EUR"))).containsExactly("AMOUNT_VELOCITY_24H");
        assertThat(codes(values().amountLong(2_000_000).currency("JPY"))).isEmpty();
        assertThat(codes(values().amountLong(3_200_000).currency("JPY"))).containsExactly("AMOUNT_VELOCITY_24H");
    }

    @Test
    void aCurrencyWithoutThresholdsTurnsTheAmountRulesOff() {
        // SEK has no default thresholds: nothing is judged large, however many minor units
        assertThat(codes(values().amountMinor(900_000_000).amountLong(900_000_000).currency("SEK"))).isEmpty();
        assertThat(codes(values().cardTesting(true).amountMinor(60_000).currency("SEK"))).isEmpty();
        assertThat(values().currency("SEK").build().card().thresholdsKnown()).isFalse();
    }
}
