package com.cardpay.payments.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

/**
 * A plan's fixed fee is named per currency, in major units with the currency's own decimals, so one
 * plan charges the same price in every currency it prices: EUR 0.30 is 30 cents, JPY 30 is 30 yen
 * (0 decimals), BHD 0.300 is 300 fils (3 decimals). The worked examples are README's.
 */
class FeePlanTermsTest {
    private static final FeePlanTerms PLAN = FeePlanTerms.parse("290bps+0.30EUR/30JPY/0.300BHD");

    @Test
    void fixedFeesAreHeldInEachCurrencysMinorUnits() {
        assertThat(PLAN.forCurrency("EUR")).isEqualTo(new FeePlan(290, 30));
        assertThat(PLAN.forCurrency("JPY")).isEqualTo(new FeePlan(290, 30));
        assertThat(PLAN.forCurrency("BHD")).isEqualTo(new FeePlan(290, 300));
        assertThat(PLAN).isEqualTo(FeePlanTerms.of(290, Map.of("EUR", 30L, "JPY", 30L, "BHD", 300L)));
        assertThat(FeePlanTerms.parse(PLAN.toString())).isEqualTo(PLAN);
        assertThat(PLAN.toString()).isEqualTo("290bps+0.300BHD/0.30EUR/30JPY");
    }

    /** README's worked examples, one per currency: gross, purchases, plan, fee. */
    @ParameterizedTest(name = "{0}: {2} purchases, gross {1} minor -> fee {3} minor")
    @CsvSource({
        // EUR 1,234.56 in 10 purchases: 2.90 % = 35.80224 -> 35.80; + 10 x 0.30 = 38.80
        "EUR, 123456, 10, 3880",
        // JPY 123,456 in 10 purchases: 2.90 % = 3,580.224 -> 3,580; + 10 x 30 = 3,880
        "JPY, 123456, 10, 3880",
        // BHD 123.456 in 10 purchases: 2.90 % = 3.580224 -> 3.580; + 10 x 0.300 = 6.580
        "BHD, 123456, 10, 6580",
        // the half-even edge in each: 2.90 % of 250 minor = 7.25 -> 7
        "EUR, 250, 1, 37", "JPY, 250, 1, 37", "BHD, 250, 1, 307"})
    void oneFeePerLineInTheLinesCurrency(String currency, long gross, long purchases, long fee) {
        assertThat(PLAN.forCurrency(currency).feeMinor(purchases, gross)).isEqualTo(fee);
    }

    @Test
    void basisPointsAlonePriceEveryCurrencyWithoutAFixedFee() {
        FeePlanTerms plan = FeePlanTerms.parse("150bps");
        assertThat(plan.prices("EUR")).isTrue();
        assertThat(plan.prices("KWD")).isTrue();
        assertThat(plan.forCurrency("JPY")).isEqualTo(new FeePlan(150, 0));
        assertThat(plan.toString()).isEqualTo("150bps");
    }

    @Test
    void aCurrencyThePlanDoesNotPriceIsRefusedNotDefaulted() {
        assertThat(PLAN.prices("USD")).isFalse();
        assertThatThrownBy(() -> PLAN.forCurrency("USD"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not price USD");
    }

    @Test
    void theOldBareNumberIsRefusedWithTheReason() {
        assertThatThrownBy(() -> FeePlanTerms.parse("290bps+30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no currency")
                .hasMessageContaining("290bps+0.30EUR/30JPY/0.300BHD");
    }

    /** The decimals must be exactly the currency's, so that major and minor units cannot be confused. */
    @ParameterizedTest
    @ValueSource(strings = {"290bps+30EUR", "290bps+0.3EUR", "290bps+0.300EUR", "290bps+0.30JPY", "290bps+0.30BHD",
            "290bps+30.BHD", "290bps+.30EUR"})
    void anAmountWithoutItsCurrencysDecimalsIsRefused(String text) {
        assertThatThrownBy(() -> FeePlanTerms.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    /** XAU and XXX have no minor unit in ISO 4217 (Java: -1 fraction digits): refused, never guessed. */
    @ParameterizedTest
    @ValueSource(strings = {"XAU", "XXX", "XDR"})
    void aCurrencyWithoutAMinorUnitIsRefused(String currency) {
        assertThat(java.util.Currency.getInstance(currency).getDefaultFractionDigits()).isEqualTo(-1);
        assertThatThrownBy(() -> FeePlanTerms.parse("290bps+0.30EUR/1" + currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(currency + " has no minor unit in ISO 4217");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "290", "bps+0.30EUR", "290bps+", "-1bps", "290bps+-0.30EUR", "290 bps+0.30EUR",
            "290bps+0.30eur", "290bps+0.30ZZZ", "2.9%+0.30EUR", "290BPS+0.30EUR", "1234567890bps",
            "290bps+0.30EUR/0.40EUR", "290bps+0.30EUR,30JPY", "290bps+0.30EUR/"})
    void refusesTextNotOfTheForm(String text) {
        assertThatThrownBy(() -> FeePlanTerms.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fee plan '" + text + "'");
    }

    @Test
    void refusesMoreThanAllOfIt() {
        assertThatThrownBy(() -> FeePlanTerms.parse("10001bps"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001 basis points");
        assertThatThrownBy(() -> new FeePlanTerms(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
