package com.cardpay.payments.jobs.config;

import static com.cardpay.payments.jobs.config.ConfigSamples.local;
import static com.cardpay.payments.jobs.config.ConfigSamples.rejected;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.settlement.FeePlan;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

/**
 * Every fee plan prices every settled currency, or the job does not start: the problem names the
 * key (and the merchant), never falls back to a default.
 */
class SettlementFeeConfigTest {

    @Test
    void theDefaultsPriceEveryDefaultCurrency() {
        SettlementSettings s = PaymentsConfig.from(local()).settlement();

        assertThat(s.currencies()).containsExactly("CHF", "EUR", "GBP", "JPY", "USD");
        assertThat(s.fees().planFor("m-1", "EUR")).isEqualTo(new FeePlan(290, 30));
        assertThat(s.fees().planFor("m-1", "JPY")).isEqualTo(new FeePlan(290, 50));
        assertThat(s.fees().planFor("m-1", "GBP")).isEqualTo(new FeePlan(290, 20));
    }

    @Test
    void aThreeDecimalCurrencyIsPricedInFils() {
        Map<String, String> s = local();
        s.put("settlement.currencies", "EUR,BHD,JPY");
        s.put("settlement.default-fee-plan", "290bps+0.30EUR/0.300BHD/30JPY");
        s.put("settlement.merchant-fee-plans", "m-1=150bps");

        SettlementSettings settings = PaymentsConfig.from(s).settlement();
        assertThat(settings.fees().planFor("m-2", "BHD")).isEqualTo(new FeePlan(290, 300));
        assertThat(settings.fees().planFor("m-1", "BHD")).isEqualTo(new FeePlan(150, 0));
    }

    @Test
    void aDefaultPlanMissingASettledCurrencyIsRefusedNamingItsKey() {
        Map<String, String> s = local();
        s.put("settlement.currencies", "EUR,JPY,BHD");
        s.put("settlement.default-fee-plan", "290bps+0.30EUR");

        assertThat(rejected(s).problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("settlement.default-fee-plan: prices no fixed fee in BHD, JPY, which settlement.currencies settles"));
    }

    @Test
    void aMerchantPlanMissingASettledCurrencyIsRefusedNamingKeyAndMerchant() {
        Map<String, String> s = local();
        s.put("settlement.currencies", "EUR,JPY");
        s.put("settlement.default-fee-plan", "290bps+0.30EUR/30JPY");
        s.put("settlement.merchant-fee-plans", "m-1=150bps,m-2=200bps+0.25EUR,m-3=100bps+0.10EUR/10JPY");

        assertThat(rejected(s).problems()).containsExactly(
                "settlement.merchant-fee-plans: the plan of merchant m-2 prices no fixed fee in JPY, which "
                        + "settlement.currencies settles");
    }

    @Test
    void theOldBareFixedFeeIsRefusedNamingItsKey() {
        Map<String, String> s = local();
        s.put("settlement.default-fee-plan", "290bps+30");

        assertThat(rejected(s).problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("settlement.default-fee-plan: fee plan '290bps+30': the fixed fee 30 names no currency"));
    }

    @Test
    void settledCurrenciesMustHaveMinorUnitsAndAppearOnce() {
        Map<String, String> s = local();
        s.put("settlement.currencies", "EUR,XAU,eur,EUR,ZZZ");
        s.put("settlement.default-fee-plan", "290bps+0.30EUR");

        assertThat(rejected(s).problems()).containsExactly(
                "settlement.currencies: XAU has no minor unit in ISO 4217, so no amount in it can be counted in minor "
                        + "units (payments in it are rejected as BAD_CURRENCY)",
                "settlement.currencies: 'eur' is not an ISO 4217 alphabetic code (three capitals)",
                "settlement.currencies: EUR is listed twice",
                "settlement.currencies: ZZZ is not an ISO 4217 currency known to Java");
    }
}
