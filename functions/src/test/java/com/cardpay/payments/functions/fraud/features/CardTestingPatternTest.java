package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.FraudSettings;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Card testing with the default settings: 3 purchases of at most 500 within 10 minutes, then one
 * of at least 50,000.
 */
class CardTestingPatternTest {
    private CardHarness cards;

    @AfterEach
    void close() throws Exception {
        cards.close();
    }

    @Test
    void smallPurchasesFollowedByALargeOneFlagTheLargeOne() throws Exception {
        cards = CardHarness.open();

        assertThat(cards.send(purchase(0, 100)).cardTesting()).isFalse();
        assertThat(cards.send(purchase(minutes(1), 200)).cardTesting()).isFalse();
        assertThat(cards.send(purchase(minutes(2), 500)).cardTesting()).isFalse();
        assertThat(cards.send(purchase(minutes(5), 50_000)).cardTesting()).isTrue();
        assertThat(cards.send(purchase(minutes(6), 1_000)).cardTesting()).as("only the large one").isFalse();
    }

    @Test
    void windowIncludesItsEdge() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(1), minutes(2));

        assertThat(cards.send(purchase(minutes(10), 80_000)).cardTesting()).isTrue();
        assertThat(cards.send(purchase(minutes(10) + 1, 80_000)).cardTesting()).isFalse();
    }

    @Test
    void twoSmallPurchasesAreNotEnough() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(1));

        assertThat(cards.send(purchase(minutes(2), 50_000)).cardTesting()).isFalse();
    }

    @Test
    void smallPurchaseOutsideTheWindowDoesNotCount() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(5), minutes(6));

        assertThat(cards.send(purchase(minutes(11), 50_000)).cardTesting()).isFalse();
    }

    @Test
    void smallRefundsAreNotTestPurchases() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(1));
        cards.send(purchase(minutes(2), 100).type(PaymentType.REFUND));

        assertThat(cards.send(purchase(minutes(3), 50_000)).cardTesting()).isFalse();
    }

    @Test
    void largeRefundOrChargebackIsNotFlagged() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(1), minutes(2));

        assertThat(cards.send(purchase(minutes(3), 50_000).type(PaymentType.REFUND)).cardTesting()).isFalse();
        assertThat(cards.send(purchase(minutes(3), 50_000).type(PaymentType.CHARGEBACK)).cardTesting()).isFalse();
    }

    @Test
    void thresholdsAreInclusiveAndExact() throws Exception {
        cards = CardHarness.open();
        cards.send(purchase(0, 501));
        sendSmall(minutes(1), minutes(2));
        assertThat(cards.send(purchase(minutes(3), 50_000)).cardTesting()).as("501 is not small").isFalse();

        cards.send(purchase(minutes(4), 500));
        assertThat(cards.send(purchase(minutes(5), 49_999)).cardTesting()).as("49,999 is not large").isFalse();
        assertThat(cards.send(purchase(minutes(5), 50_000)).cardTesting()).isTrue();
    }

    @Test
    void ordinaryPurchasesInBetweenDoNotBreakThePattern() throws Exception {
        cards = CardHarness.open();
        sendSmall(0, minutes(1));
        cards.send(purchase(minutes(2), 10_000));
        sendSmall(minutes(3));

        assertThat(cards.send(purchase(minutes(4), 60_000)).cardTesting()).isTrue();
    }

    @Test
    void countAndWindowComeFromSettings() throws Exception {
        FraudSettings d = FraudSettings.defaults();
        cards = CardHarness.open(new FraudSettings(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(1),
                d.thresholds(), 5, Duration.ofMinutes(2),
                d.merchantBaselineHalfLife(), d.merchantRatioHalfLife(), d.merchantMinBaseline(), d.merchantStateTtl(),
                d.reviewScore(), d.declineScore()));
        sendSmall(0, 1, 2, 3);
        assertThat(cards.send(purchase(4, 50_000)).cardTesting()).as("4 of 5").isFalse();

        sendSmall(5);
        assertThat(cards.send(purchase(6, 50_000)).cardTesting()).isTrue();
        assertThat(cards.send(purchase(minutes(2) + 1, 50_000)).cardTesting()).as("first small out of 2 min").isFalse();
    }

    private void sendSmall(long... offsets) throws Exception {
        for (long offset : offsets) {
            cards.send(purchase(offset, 100));
        }
    }
}
