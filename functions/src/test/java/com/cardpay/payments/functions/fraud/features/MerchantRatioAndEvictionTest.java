package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.hours;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Refund and chargeback ratios over counts that halve every 7 days of event time (the default),
 * and the bound on the number of currency baselines.
 */
class MerchantRatioAndEvictionTest {
    private static final long WEEK = Duration.ofDays(7).toMillis();

    private final MerchantFeatureCalculator calculator = new MerchantFeatureCalculator(FraudSettings.defaults());

    @Test
    void ratiosAreRefundsAndChargebacksOverPurchases() {
        MerchantProfile profile = null;
        profile = send(profile, PaymentType.PURCHASE, 100, 0);
        profile = send(profile, PaymentType.REFUND, 10, 0);
        profile = send(profile, PaymentType.CHARGEBACK, 5, 0);

        MerchantFeatures features = calculator.featuresFor(profile, purchase(0, 1_000).build());

        assertThat(features.refundRatio()).isCloseTo(0.10, within(1e-9));
        assertThat(features.chargebackRatio()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void ratiosDescribeTheHistoryBeforeThePayment() {
        MerchantProfile profile = send(null, PaymentType.PURCHASE, 4, 0);

        assertThat(calculator.featuresFor(profile, purchase(0, 1_000).type(PaymentType.REFUND).build()).refundRatio())
                .isZero();
        assertThat(calculator.featuresFor(send(profile, PaymentType.REFUND, 1, 0), purchase(0, 1).build()).refundRatio())
                .isEqualTo(0.25);
    }

    @Test
    void refundsWithoutPurchasesAreMeasuredAgainstOnePurchase() {
        MerchantProfile profile = send(null, PaymentType.REFUND, 3, 0);

        assertThat(calculator.featuresFor(profile, purchase(0, 1_000).build()).refundRatio()).isEqualTo(3.0);
    }

    @Test
    void oldRefundsWeighLessThanNewPurchases() {
        MerchantProfile profile = send(null, PaymentType.REFUND, 10, 0);

        profile = send(profile, PaymentType.PURCHASE, 10, 2 * WEEK);

        assertThat(profile.refunds).as("two half-lives").isCloseTo(2.5, within(1e-9));
        assertThat(profile.decayedAt).isEqualTo(FeaturePayments.T0 + 2 * WEEK);
        assertThat(calculator.featuresFor(profile, purchase(2 * WEEK, 1).build()).refundRatio()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void lateRefundIsAddedWithTheWeightItWouldHaveLeft() {
        MerchantProfile profile = send(null, PaymentType.PURCHASE, 10, 2 * WEEK);

        profile = send(profile, PaymentType.REFUND, 10, 0);

        assertThat(profile.decayedAt).as("never moves back").isEqualTo(FeaturePayments.T0 + 2 * WEEK);
        assertThat(calculator.featuresFor(profile, purchase(2 * WEEK, 1).build()).refundRatio()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void ratioOfAQuietMerchantKeepsItsValueWhileCountsDecay() {
        MerchantProfile profile = send(null, PaymentType.PURCHASE, 20, 0);
        profile = send(profile, PaymentType.CHARGEBACK, 2, 0);

        MerchantFeatures later = calculator.featuresFor(profile, purchase(3 * WEEK, 1).build());

        assertThat(later.chargebackRatio()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void leastRecentlySeenCurrencyMakesRoomForANewOne() {
        MerchantProfile profile = null;
        for (int i = 0; i < MerchantProfile.MAX_CURRENCIES; i++) {
            profile = calculator.update(profile, purchase(hours(i), 1_000).currency("C" + i).build());
        }
        profile = calculator.update(profile, purchase(hours(20), 1_000).currency("C0").build());

        profile = calculator.update(profile, purchase(hours(21), 5_000).currency("NEW").build());

        assertThat(profile.currencies).hasSize(MerchantProfile.MAX_CURRENCIES).contains("NEW", "C0").doesNotContain("C1");
        assertThat(profile.means).hasSize(MerchantProfile.MAX_CURRENCIES);
        int fresh = profile.indexOf("NEW");
        assertThat(profile.counts[fresh]).isEqualTo(1);
        assertThat(profile.means[fresh]).isEqualTo(5_000.0);
        assertThat(profile.variances[fresh]).isZero();
        assertThat(profile.baselinePayments("C0")).isEqualTo(2);
        assertThat(profile.baselinePayments("C1")).isZero();
    }

    @Test
    void settingsTheCalculatorCannotWorkWithAreRefused() {
        FraudSettings d = FraudSettings.defaults();
        assertThatThrownBy(() -> new MerchantFeatureCalculator(new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 3, Duration.ofMinutes(10), 0,
                d.merchantRatioHalfLife(), 30, d.merchantStateTtl(), 400, 700))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerchantFeatureCalculator(new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 3, Duration.ofMinutes(10), 200,
                Duration.ZERO, 30, d.merchantStateTtl(), 400, 700))).isInstanceOf(IllegalArgumentException.class);
    }

    private MerchantProfile send(MerchantProfile profile, PaymentType type, int n, long offsetMillis) {
        for (int i = 0; i < n; i++) {
            profile = calculator.update(profile, purchase(offsetMillis, 1_000).type(type).build());
        }
        return profile;
    }
}
