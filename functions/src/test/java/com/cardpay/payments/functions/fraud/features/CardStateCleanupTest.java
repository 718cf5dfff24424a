package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.T0;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.hours;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * A card's state and its single timer go once its windows have passed: at newest event time +
 * 24 h + 1 min of headroom, in event time.
 */
class CardStateCleanupTest {
    private static final long RETENTION = hours(24) + minutes(1);

    @Test
    void stateAndTimerAreGoneOnceTheWindowsPass() throws Exception {
        try (CardHarness cards = CardHarness.open()) {
            cards.send(purchase(0, 100));
            assertThat(cards.stateEntries()).isEqualTo(1);
            assertThat(cards.timers()).isEqualTo(1);

            cards.watermark(T0 + RETENTION - 1);
            assertThat(cards.stateEntries()).isEqualTo(1);
            assertThat(cards.timers()).isEqualTo(1);

            cards.watermark(T0 + RETENTION);
            assertThat(cards.stateEntries()).isZero();
            assertThat(cards.timers()).isZero();
            assertThat(cards.harness.extractOutputValues()).as("cleanup emits nothing").hasSize(1);

            assertThat(cards.send(purchase(RETENTION + 1, 700)))
                    .isEqualTo(new CardFeatures(1, 1, 1, 700, 700, 700, 1, 1, false, -1));
        }
    }

    @Test
    void newerPaymentsMoveTheOneTimerAndKeepTheStateAlive() throws Exception {
        try (CardHarness cards = CardHarness.open()) {
            for (long at : new long[] {0, minutes(10), minutes(20), minutes(30), hours(1)}) {
                cards.send(purchase(at, 100));
                assertThat(cards.timers()).isEqualTo(1);
            }
            cards.send(purchase(minutes(5), 100));
            assertThat(cards.timers()).as("a late payment adds no timer").isEqualTo(1);

            cards.watermark(T0 + RETENTION);
            assertThat(cards.stateEntries()).as("the newest payment is at 1 h").isEqualTo(1);

            // hour buckets 1..24: only the 1 h payment is left, besides this one
            CardFeatures f = cards.send(purchase(hours(24) + minutes(2), 100));
            assertThat(f.countLong()).isEqualTo(2);
            assertThat(f.secondsSincePrevious()).isEqualTo((hours(23) + minutes(2)) / 1000);

            cards.watermark(T0 + hours(24) + minutes(2) + RETENTION);
            assertThat(cards.stateEntries()).isZero();
            assertThat(cards.timers()).isZero();
        }
    }

    @Test
    void eachCardIsCleanedUpOnItsOwnTime() throws Exception {
        try (CardHarness cards = CardHarness.open()) {
            cards.send(purchase(0, 100));
            cards.send(purchase(hours(2), 100).card("tok_v1_card-b"));
            assertThat(cards.timers()).isEqualTo(2);

            cards.watermark(T0 + RETENTION);
            assertThat(cards.stateEntries()).isEqualTo(1);
            assertThat(cards.timers()).isEqualTo(1);

            cards.watermark(T0 + hours(2) + RETENTION);
            assertThat(cards.stateEntries()).isZero();
            assertThat(cards.timers()).isZero();
        }
    }

    @Test
    void aCardTestingWindowLongerThanADayKeepsTheStateThatLong() throws Exception {
        FraudSettings d = FraudSettings.defaults();
        FraudSettings twoDays = new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 1, Duration.ofDays(2),
                d.merchantBaselineHalfLife(), d.merchantRatioHalfLife(), d.merchantMinBaseline(), d.merchantStateTtl(),
                d.reviewScore(), d.declineScore());
        try (CardHarness cards = CardHarness.open(twoDays)) {
            cards.send(purchase(0, 100));

            cards.watermark(T0 + RETENTION);
            assertThat(cards.stateEntries()).isEqualTo(1);

            assertThat(cards.send(purchase(hours(47), 50_000)).cardTesting()).isTrue();
            cards.watermark(T0 + hours(47) + hours(48) + minutes(1));
            assertThat(cards.stateEntries()).isZero();
            assertThat(cards.timers()).isZero();
        }
    }

    @Test
    void stateAndTimerSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (CardHarness before = CardHarness.open()) {
            before.send(purchase(0, 100).merchant("m-1", "FR"));
            before.send(purchase(minutes(1), 200).merchant("m-2", "DE"));
            snapshot = before.harness.snapshot(1L, T0 + minutes(1));
        }

        try (CardHarness restored = CardHarness.restore(snapshot)) {
            assertThat(restored.stateEntries()).isEqualTo(1);
            assertThat(restored.timers()).isEqualTo(1);

            assertThat(restored.send(purchase(minutes(2), 300).merchant("m-3", "FR")))
                    .isEqualTo(new CardFeatures(1, 3, 3, 300, 600, 600, 3, 2, false, 60));

            restored.watermark(T0 + minutes(2) + RETENTION);
            assertThat(restored.stateEntries()).isZero();
            assertThat(restored.timers()).isZero();
        }
    }

    @Test
    void settingsTheFunctionCannotWorkWithAreRefused() {
        FraudSettings d = FraudSettings.defaults();
        assertThatThrownBy(() -> new CardFeaturesFunction(new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 0, Duration.ofMinutes(10), 200,
                d.merchantRatioHalfLife(), 30, d.merchantStateTtl(), 400, 700))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardFeaturesFunction(new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 3, Duration.ZERO, 200,
                d.merchantRatioHalfLife(), 30, d.merchantStateTtl(), 400, 700))).isInstanceOf(IllegalArgumentException.class);
    }
}
