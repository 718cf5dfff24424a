package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.T0;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.hours;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeatures;
import com.cardpay.payments.functions.model.PaymentType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts and amounts per card over the last minute, hour and 24 hours, as event time moves on. */
class CardVelocityTest {
    private CardHarness cards;

    @BeforeEach
    void open() throws Exception {
        cards = CardHarness.open();
    }

    @AfterEach
    void close() throws Exception {
        cards.close();
    }

    @Test
    void firstPaymentOfACardCountsOnlyItself() throws Exception {
        CardFeatures f = cards.send(purchase(0, 1_250));

        assertThat(f).isEqualTo(new CardFeatures(1, 1, 1, 1_250, 1_250, 1_250, 1, 1, false, -1));
        assertThat(cards.harness.extractOutputValues()).singleElement()
                .satisfies(out -> assertThat(out.payment().amountMinor()).isEqualTo(1_250));
    }

    @Test
    void countsAndAmountsOverTheThreeWindowsAsTimeMovesOn() throws Exception {
        cards.send(purchase(0, 100));
        cards.send(purchase(seconds(5), 200));
        assertThat(cards.send(purchase(seconds(30), 300)))
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong,
                        CardFeatures::amountShort, CardFeatures::amountMedium, CardFeatures::amountLong)
                .containsExactly(3L, 3L, 3L, 600L, 600L, 600L);
        cards.watermark(T0 + seconds(25));

        assertThat(cards.send(purchase(minutes(2), 400)))
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong,
                        CardFeatures::amountShort, CardFeatures::amountMedium, CardFeatures::amountLong)
                .containsExactly(1L, 4L, 4L, 400L, 1_000L, 1_000L);
        cards.watermark(T0 + minutes(2));

        assertThat(cards.send(purchase(hours(2), 500)))
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(1L, 1L, 5L, 1_500L);
        cards.watermark(T0 + hours(2));

        assertThat(cards.send(purchase(hours(23) + minutes(30), 600)))
                .extracting(CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(1L, 6L, 2_100L);
        cards.watermark(T0 + hours(23) + minutes(30));

        // hour buckets 2..25: the payments at 2 h and 23.5 h, and this one
        assertThat(cards.send(purchase(hours(25), 700)))
                .extracting(CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(1L, 3L, 1_800L);
        assertThat(cards.stateEntries()).isEqualTo(1);
        assertThat(cards.timers()).isEqualTo(1);
    }

    @Test
    void lastMinuteIsTheCurrentTenSecondBucketAndTheFiveBefore() throws Exception {
        cards.send(purchase(0, 100));

        assertThat(cards.send(purchase(seconds(59), 100)).countShort()).as("buckets 0..5").isEqualTo(2);
        assertThat(cards.send(purchase(seconds(60), 100)).countShort()).as("buckets 1..6").isEqualTo(2);
        assertThat(cards.send(purchase(seconds(69), 100)).countShort()).as("buckets 1..6").isEqualTo(3);
    }

    @Test
    void lastHourIsTheCurrentMinuteAndThe59Before() throws Exception {
        cards.send(purchase(0, 100));

        assertThat(cards.send(purchase(minutes(59) + seconds(59), 100)).countMedium()).isEqualTo(2);
        assertThat(cards.send(purchase(minutes(60), 100)).countMedium()).isEqualTo(2);
    }

    @Test
    void last24HoursIsTheCurrentHourAndThe23Before() throws Exception {
        cards.send(purchase(0, 100));

        assertThat(cards.send(purchase(hours(24) - 1, 100)).countLong()).isEqualTo(2);
        assertThat(cards.send(purchase(hours(24), 100)).countLong()).isEqualTo(2);
    }

    @Test
    void everyPaymentTypeCountsTowardsVelocity() throws Exception {
        cards.send(purchase(0, 1_000));
        cards.send(purchase(seconds(1), 200).type(PaymentType.REFUND));

        CardFeatures f = cards.send(purchase(seconds(2), 300).type(PaymentType.CHARGEBACK));

        assertThat(f.countShort()).isEqualTo(3);
        assertThat(f.amountShort()).isEqualTo(1_500);
    }

    @Test
    void cardsAreCountedSeparately() throws Exception {
        cards.send(purchase(0, 100));
        cards.send(purchase(seconds(1), 100));

        CardFeatures other = cards.send(purchase(seconds(2), 700).card("tok_v1_card-b"));

        assertThat(other).isEqualTo(new CardFeatures(1, 1, 1, 700, 700, 700, 1, 1, false, -1));
        assertThat(cards.stateEntries()).isEqualTo(2);
        assertThat(cards.timers()).isEqualTo(2);
    }
}
