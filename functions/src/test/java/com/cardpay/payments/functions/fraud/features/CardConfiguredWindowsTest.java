package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.T0;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.hours;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.fraud.FraudSettings;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** Card features under window lengths other than the defaults, and across a change of them. */
class CardConfiguredWindowsTest {
    private static final FraudSettings WIDE = FraudSettings.defaults()
            .withWindows(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofDays(7), Duration.ofMinutes(10));

    @Test
    void featuresFollowTheConfiguredLengths() throws Exception {
        try (CardHarness cards = CardHarness.open(WIDE)) {
            cards.send(purchase(0, 100).merchant("m-1", "DE"));
            CardFeatures fourMinutesLater = cards.send(purchase(minutes(4), 200).merchant("m-2", "DE"));
            assertThat(fourMinutesLater.countShort()).isEqualTo(2);
            assertThat(fourMinutesLater.distinctMerchants()).isEqualTo(2);

            CardFeatures later = cards.send(purchase(minutes(90), 300).merchant("m-3", "DE"));
            assertThat(later.countShort()).isEqualTo(1);
            assertThat(later.countMedium()).isEqualTo(3);
            // m-1 and m-2 are more than the 10-minute distinct window back
            assertThat(later.distinctMerchants()).isEqualTo(1);

            CardFeatures sixDaysOn = cards.send(purchase(hours(6 * 24), 400).merchant("m-3", "DE"));
            assertThat(sixDaysOn.countMedium()).isEqualTo(1);
            assertThat(sixDaysOn.countLong()).isEqualTo(4);
            assertThat(sixDaysOn.amountLong()).isEqualTo(1_000);
        }
    }

    @Test
    void stateLivesAsLongAsTheLongestWindowThenGoes() throws Exception {
        try (CardHarness cards = CardHarness.open(WIDE)) {
            cards.send(purchase(0, 100));
            cards.watermark(T0 + hours(24) + minutes(2));
            assertThat(cards.stateEntries()).isEqualTo(1);

            cards.watermark(T0 + hours(7 * 24) + minutes(1));
            assertThat(cards.stateEntries()).isZero();
            assertThat(cards.timers()).isZero();
        }
    }

    @Test
    void changedLengthsAcrossASnapshotRestartTheCountersNotTheCard() throws Exception {
        OperatorSubtaskState snapshot;
        try (CardHarness cards = CardHarness.open()) {
            cards.send(purchase(0, 100));
            cards.send(purchase(minutes(30), 200));
            snapshot = cards.harness.snapshot(1L, 1L);
        }
        try (CardHarness cards = CardHarness.restore(snapshot, WIDE)) {
            CardFeatures f = cards.send(purchase(minutes(32), 300));
            // the old rings counted other bucket widths: they start afresh
            assertThat(f.countMedium()).isEqualTo(1);
            assertThat(f.countLong()).isEqualTo(1);
            // the previous payment's time is still known
            assertThat(f.secondsSincePrevious()).isEqualTo(120);
        }
        try (CardHarness sameLengths = CardHarness.restore(snapshot)) {
            assertThat(sameLengths.send(purchase(minutes(32), 300)).countMedium()).isEqualTo(3);
        }
    }
}
