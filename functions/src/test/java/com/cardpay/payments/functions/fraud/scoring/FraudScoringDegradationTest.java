package com.cardpay.payments.functions.fraud.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.fraud.MerchantFeatures;
import com.cardpay.payments.functions.fraud.Reason;
import com.cardpay.payments.functions.fraud.ScoredPayment;
import com.cardpay.payments.functions.fraud.features.MerchantFeatureCalculator;
import com.cardpay.payments.functions.fraud.features.MerchantProfile;
import com.cardpay.payments.functions.model.TokenizedPayment;
import com.cardpay.payments.functions.validation.CardNumberDetector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/**
 * The non-critical parts of scoring degrade to their documented defaults, are counted, and never
 * stop the payment (flink-k8s/DEGRADATION.md): a merchant without a baseline, a merchant feature
 * calculation that throws, a payment without {@code ip_country}.
 */
class FraudScoringDegradationTest {
    private static final int MIN_BASELINE = FraudSettings.defaults().merchantMinBaseline();

    @Test
    void paymentsScoredWithoutAMerchantBaselineGetNeutralValuesAndAreCounted() throws Exception {
        try (ScoringHarness h = ScoringHarness.of(0, 1)) {
            h.open();
            for (int i = 0; i < MIN_BASELINE; i++) {
                h.pay(1_500);
            }
            h.pay(3_000); // the first with a full EUR baseline: 30 purchases of 15.00
            h.pay(3_000, "USD", null); // no baseline in this currency yet

            List<ScoredPayment> out = h.scored();
            assertThat(out).hasSize(MIN_BASELINE + 2);
            assertThat(out.subList(0, MIN_BASELINE)).allSatisfy(s -> {
                assertThat(s.merchant().amountZScore()).as("z-score without a baseline").isZero();
                assertThat(s.merchant().refundRatio()).isZero();
                assertThat(s.merchant().chargebackRatio()).isZero();
                assertThat(s.merchant().unavailable()).isFalse();
            });
            assertThat(out.get(0).merchant()).as("no profile at all").isEqualTo(MerchantFeatures.NO_PROFILE);
            assertThat(out.get(MIN_BASELINE).merchant().baselinePayments()).isEqualTo(MIN_BASELINE);
            assertThat(out.get(MIN_BASELINE).merchant().amountZScore()).as("against a real baseline").isGreaterThan(4.0);
            assertThat(out.get(MIN_BASELINE + 1).merchant().amountZScore()).isZero();
            assertThat(h.counter("payments_fraud_scored_without_merchant_baseline"))
                    .as("30 EUR payments before the baseline was complete, and the first USD one").isEqualTo(MIN_BASELINE + 1);
            assertThat(h.counter("payments_fraud_merchant_features_failed")).isZero();
        }
    }

    @Test
    void aMerchantFeatureCalculationThatThrowsScoresWithNeutralValuesAndTheTaskGoesOn() throws Exception {
        FraudSettings settings = FraudSettings.defaults();
        try (ScoringHarness h = ScoringHarness.of(0, 1, new FraudScoringFunction(settings, new FailsOnAmount(settings, 666)))) {
            h.open();
            h.pay(1_500);
            h.pay(666, "EUR", "FR"); // the calculation throws for this one
            h.pay(1_500);
            h.snapshot(1, 1); // the task still checkpoints

            List<ScoredPayment> out = h.scored();
            assertThat(out).as("every payment scored, the failing one too").hasSize(3);
            ScoredPayment degraded = out.get(1);
            assertThat(degraded.merchant()).isEqualTo(MerchantFeatures.UNAVAILABLE);
            assertThat(degraded.merchant().unavailable()).isTrue();
            assertThat(degraded.decision()).isNotNull();
            assertThat(Arrays.stream(degraded.reasons()).map(Reason::ruleId))
                    .as("the other features still score it").contains("foreign-ip");
            assertThat(out.get(2).merchant().unavailable()).isFalse();
            assertThat(out.get(2).merchant().baselinePayments())
                    .as("the failing payment left the profile as it was").isEqualTo(1);
            assertThat(h.counter("payments_fraud_merchant_features_failed")).isEqualTo(1);
        }
    }

    @Test
    void theLoggedFailureCarriesNoMessageSoNoCardData() {
        IllegalStateException bug = new IllegalStateException("bad amount for 4111 1111 1111 1111");
        Throwable logged = FraudScoringFunction.withoutMessage(bug);

        assertThat(CardNumberDetector.containsCardNumber(bug.toString())).as("the detector sees the original").isTrue();
        assertThat(CardNumberDetector.containsCardNumber(logged.toString())).isFalse();
        assertThat(logged.toString()).contains("IllegalStateException");
        assertThat(logged.getStackTrace()).isEqualTo(bug.getStackTrace());
        assertThat(logged.getCause()).isNull();
    }

    @Test
    void paymentsWithoutIpCountryAreCountedAndNeverMatchAnIpRule() throws Exception {
        try (ScoringHarness h = ScoringHarness.of(0, 1)) {
            h.open();
            h.pay(1_500, "EUR", null);
            h.pay(1_500, "EUR", "FR");
            h.pay(1_500, "EUR", "DE");

            List<ScoredPayment> out = h.scored();
            assertThat(Arrays.stream(out.get(0).reasons()).map(Reason::ruleId))
                    .as("geo.ip_country_mismatch is false without an IP country").doesNotContain("foreign-ip");
            assertThat(Arrays.stream(out.get(1).reasons()).map(Reason::ruleId)).contains("foreign-ip");
            assertThat(h.counter("payments_fraud_scored_without_ip_country")).isEqualTo(1);
        }
    }

    /** A calculator with a bug that throws for one amount; the rest is the real calculation. */
    private static final class FailsOnAmount extends MerchantFeatureCalculator {
        private static final long serialVersionUID = 1L;
        private final long failingAmountMinor;

        FailsOnAmount(FraudSettings settings, long failingAmountMinor) {
            super(settings);
            this.failingAmountMinor = failingAmountMinor;
        }

        @Override
        public MerchantFeatures featuresFor(MerchantProfile profile, TokenizedPayment p) {
            if (p.amountMinor() == failingAmountMinor) {
                throw new ArithmeticException("a bug in the merchant features");
            }
            return super.featuresFor(profile, p);
        }
    }
}
