package com.cardpay.payments.functions.fraud.features;

import static com.cardpay.payments.functions.fraud.features.FeaturePayments.T0;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.hours;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.minutes;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.purchase;
import static com.cardpay.payments.functions.fraud.features.FeaturePayments.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.cardpay.payments.functions.fraud.CardFeatures;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payments that arrive out of event-time order land in their own buckets, and get features as of
 * their own time.
 */
class CardOutOfOrderTest {
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
    void latePaymentLandsInItsOwnBucket() throws Exception {
        cards.send(purchase(0, 100));
        cards.send(purchase(seconds(65), 200));
        cards.watermark(T0 + seconds(60));

        CardFeatures late = cards.send(purchase(seconds(55), 300));

        // as of 55 s: the payments at 0 s and 55 s; the one at 65 s is later, in another 10 s and 1 min bucket
        assertThat(late).extracting(CardFeatures::countShort, CardFeatures::amountShort, CardFeatures::countMedium,
                        CardFeatures::amountMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .as("the 24 h window shares its hour bucket with the later payment")
                .containsExactly(2L, 400L, 2L, 400L, 3L, 600L);

        // 10 s buckets 2..7 hold 55 s, 65 s and 70 s; the late payment did not land at 65 s or 0 s
        assertThat(cards.send(purchase(seconds(70), 400)))
                .extracting(CardFeatures::countShort, CardFeatures::amountShort, CardFeatures::countMedium)
                .containsExactly(3L, 900L, 4L);
    }

    @Test
    void latePaymentWithinTheHeadroomSeesItsWholeWindow() throws Exception {
        cards.send(purchase(seconds(5), 100));
        cards.send(purchase(seconds(20), 100));
        cards.send(purchase(seconds(115), 100));

        // 55 s behind the newest: its minute window (buckets 1..6) must still be held by the ring
        CardFeatures late = cards.send(purchase(seconds(60), 100));

        // buckets 1..6: 20 s and itself (a ring of only 6 slots would have kept just 6..11)
        assertThat(late.countShort()).isEqualTo(2);
        assertThat(late.amountShort()).isEqualTo(200);
    }

    @Test
    void paymentOlderThanTheRingsCountsOnlyWhereItIsStillCovered() throws Exception {
        cards.send(purchase(0, 100));
        cards.send(purchase(hours(30), 200));

        // the day ring now holds hours 6..30: 10 h is still covered, 3 h no longer
        CardFeatures tenHours = cards.send(purchase(hours(10), 300));
        CardFeatures threeHours = cards.send(purchase(hours(3), 400));

        assertThat(tenHours).as("counted in its hour of the day ring only")
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(1L, 1L, 1L, 300L);
        assertThat(threeHours).as("held nowhere, but its features still include it")
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(1L, 1L, 1L, 400L);

        // hours 7..30: 10 h, 30 h and this one; neither 3 h nor 0 h left a trace
        assertThat(cards.send(purchase(hours(30) + seconds(1), 500)))
                .extracting(CardFeatures::countShort, CardFeatures::countMedium, CardFeatures::countLong, CardFeatures::amountLong)
                .containsExactly(2L, 2L, 3L, 1_000L);
    }

    @Test
    void latePaymentDoesNotMoveTheCleanupTimer() throws Exception {
        cards.send(purchase(minutes(10), 100));
        cards.send(purchase(minutes(5), 100));
        assertThat(cards.timers()).isEqualTo(1);

        cards.watermark(T0 + minutes(10) + hours(24) + minutes(1));

        assertThat(cards.stateEntries()).isZero();
        assertThat(cards.timers()).isZero();
    }
}
