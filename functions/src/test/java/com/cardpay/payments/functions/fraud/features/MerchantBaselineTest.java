package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.model.PaymentType;
import com.cardpay.payments.functions.model.TokenizedPayment;

import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * The per-currency amount baseline of a merchant and the z-score against it, with the default
 * settings: weights halve every 200 purchases, z-scores from 30 purchases on.
 */
class MerchantBaselineTest {
    private final MerchantFeatureCalculator calculator = new MerchantFeatureCalculator(FraudSettings.defaults());
    private final Random random = new Random(42);
    private long clock;

    @Test
    void merchantWithoutHistoryHasNeutralFeatures() {
        assertThat(calculator.featuresFor(null, purchase(0, 1_000).build()))
                .isEqualTo(new MerchantFeatures(0.0, 0.0, 0.0, 0L));
        assertThat(calculator.featuresFor(new MerchantProfile(), purchase(0, 1_000).build()))
                .isEqualTo(new MerchantFeatures(0.0, 0.0, 0.0, 0L));
    }

    @Test
    void baselineConvergesToTheAmountsMeanAndDeviation() {
        MerchantProfile profile = feed(null, "EUR", 1_000, 10_000, 500);

        int eur = profile.indexOf("EUR");
        assertThat(profile.counts[eur]).isEqualTo(1_000);
        assertThat(profile.means[eur]).isCloseTo(10_000, within(150.0));
        assertThat(Math.sqrt(profile.variances[eur])).isCloseTo(500, within(75.0));
        assertThat(calculator.featuresFor(profile, next(10_000)).amountZScore()).isCloseTo(0.0, within(0.3));
    }

    @Test
    void outlierGetsAHighScoreMeasuredAgainstTheHistoryBeforeIt() {
        MerchantProfile profile = feed(null, "EUR", 500, 10_000, 500);
        TokenizedPayment outlier = next(20_000);

        MerchantFeatures features = calculator.featuresFor(profile, outlier);

        int eur = profile.indexOf("EUR");
        assertThat(features.amountZScore())
                .isCloseTo((20_000 - profile.means[eur]) / Math.sqrt(profile.variances[eur]), within(1e-9))
                .isGreaterThan(15.0);
        assertThat(features.baselinePayments()).isEqualTo(500);
        assertThat(calculator.featuresFor(profile, next(2_000)).amountZScore()).as("signed").isLessThan(-10.0);

        MerchantProfile after = calculator.update(profile, outlier);
        assertThat(calculator.featuresFor(after, next(20_000)).amountZScore()).isLessThan(features.amountZScore());
    }

    @Test
    void zScoreIsZeroUntilTheBaselineHasEnoughPurchases() {
        MerchantProfile profile = feed(null, "EUR", 29, 10_000, 500);
        assertThat(calculator.featuresFor(profile, next(90_000)).amountZScore()).isZero();
        assertThat(calculator.featuresFor(profile, next(90_000)).baselinePayments()).isEqualTo(29);

        profile = feed(profile, "EUR", 1, 10_000, 500);
        assertThat(calculator.featuresFor(profile, next(90_000)).amountZScore()).isGreaterThan(10.0);
    }

    @Test
    void recentPurchasesOutweighOldOnes() {
        MerchantProfile profile = feed(null, "EUR", 1_000, 10_000, 100);

        profile = feed(profile, "EUR", 1_000, 20_000, 100);

        // five half-lives on, the old level keeps about 1/32 of the weight
        assertThat(profile.means[profile.indexOf("EUR")]).isBetween(19_500.0, 19_800.0);
    }

    @Test
    void fixedPriceMerchantGetsFiniteScores() {
        MerchantProfile profile = feed(null, "EUR", 100, 999, 0);

        assertThat(calculator.featuresFor(profile, next(999)).amountZScore()).isZero();
        // the deviation is taken as at least 1 % of the mean: 9.99
        assertThat(calculator.featuresFor(profile, next(1_099)).amountZScore()).isCloseTo(10.01, within(0.01));
    }

    @Test
    void onlyPurchasesFeedTheBaselineAndEachCurrencyHasItsOwn() {
        MerchantProfile profile = feed(null, "EUR", 50, 10_000, 500);
        profile = feed(profile, "JPY", 50, 1_000_000, 1_000);
        MerchantProfile before = profile;

        profile = calculator.update(profile, purchase(clock, 900_000).type(PaymentType.REFUND).build());
        profile = calculator.update(profile, purchase(clock, 900_000).type(PaymentType.CHARGEBACK).build());

        assertThat(profile.counts).containsExactly(50, 50);
        assertThat(profile.means).containsExactly(before.means);
        assertThat(calculator.featuresFor(profile, next(10_500)).amountZScore()).isCloseTo(1.0, within(0.5));
        assertThat(calculator.featuresFor(profile, purchase(clock, 1_000_000).currency("JPY").build()).amountZScore())
                .isCloseTo(0.0, within(0.5));
        assertThat(calculator.featuresFor(profile, purchase(clock, 10_000).currency("USD").build()))
                .extracting(MerchantFeatures::amountZScore, MerchantFeatures::baselinePayments).containsExactly(0.0, 0L);
    }

    @Test
    void updateLeavesTheGivenProfileUnchanged() {
        MerchantProfile profile = feed(null, "EUR", 10, 10_000, 500);
        MerchantProfile copy = profile.copy();

        calculator.update(profile, next(50_000));
        calculator.update(profile, purchase(clock, 50_000).currency("GBP").build());

        assertThat(profile).usingRecursiveComparison().isEqualTo(copy);
    }

    /** {@code n} purchases in {@code currency}, normally distributed amounts, one a second. */
    private MerchantProfile feed(MerchantProfile profile, String currency, int n, double mean, double std) {
        for (int i = 0; i < n; i++) {
            long amount = Math.max(1L, Math.round(mean + std * random.nextGaussian()));
            profile = calculator.update(profile, purchase(clock += 1_000, amount).currency(currency).build());
        }
        return profile;
    }

    private TokenizedPayment next(long amountMinor) {
        return purchase(clock + 1_000, amountMinor).build();
    }
}
